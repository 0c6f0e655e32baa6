import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import {
  advance,
  applyFact,
  initialState,
  stageOf,
  type TieState,
} from "../../domain/relationships/index.ts";
import { CAPPED_LAYERS, LAYER_CAPS } from "../../domain/relationships/params.ts";
import type { Fact, Layer } from "../../domain/relationships/types.ts";
import { derivedColumns, parseState, settingsOf, type TieRow, uncappedLayer } from "./columns.ts";
import { loadTieFacts } from "./facts.ts";

/** The other party of a tie: an actor, or one of the owner's offline contacts. */
export type TieParty = { actorId: string } | { contactId: string };

export function partyKey(party: TieParty): string {
  return "actorId" in party ? party.actorId : party.contactId;
}

type Db = { db: Kysely<Database> };

/**
 * The layer a tie takes when one of its facts is written: its rate layer, or the first layer further
 * out that still has room under the owner's caps (5/15/50/150). The daily job reassigns every tie of
 * the owner with the full rule (demoting the weakest); this keeps a write to a few indexed counts.
 */
async function placeLayer(db: Kysely<Database>, ownerId: string, otherKey: string, wanted: Layer) {
  if (wanted === 500) return 500;
  for (const layer of CAPPED_LAYERS.slice(CAPPED_LAYERS.indexOf(wanted))) {
    const row = await db
      .selectFrom("ties")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("owner_id", "=", ownerId)
      .where("layer", "<=", layer)
      .where("other_key", "!=", otherKey)
      .executeTakeFirst();
    if (Number(row?.n ?? 0) < LAYER_CAPS[layer]) return layer;
  }
  return 500;
}

async function write(
  db: Kysely<Database>,
  ownerId: string,
  party: TieParty,
  state: TieState,
  nowMs: number,
  previous: { state: string } | undefined,
  layer: Layer | null,
): Promise<boolean> {
  const otherKey = partyKey(party);
  const now = new Date(nowMs).toISOString();
  const columns = {
    ...derivedColumns(state, nowMs),
    layer: layer ?? (await placeLayer(db, ownerId, otherKey, uncappedLayer(state, nowMs))),
    updated_at: now,
  };
  if (previous) {
    // Optimistic: another writer may have moved the tie since we read it; the caller then recomputes.
    const result = await db
      .updateTable("ties")
      .set(columns)
      .where("owner_id", "=", ownerId)
      .where("other_key", "=", otherKey)
      .where("state", "=", previous.state)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
  const result = await db
    .insertInto("ties")
    .values({
      owner_id: ownerId,
      other_key: otherKey,
      other_actor_id: "actorId" in party ? party.actorId : null,
      other_contact_id: "contactId" in party ? party.contactId : null,
      created_at: now,
      ...columns,
    })
    .onConflict((oc) => oc.columns(["owner_id", "other_key"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

async function readRow(db: Kysely<Database>, ownerId: string, otherKey: string): Promise<TieRow | undefined> {
  return db
    .selectFrom("ties")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .where("other_key", "=", otherKey)
    .executeTakeFirst();
}

/**
 * Recomputes one tie from its full ledger and the owner's settings (a fact older than the tie's last
 * one, a settings change, a concurrent write). Creates the row when there is none. Returns the state.
 */
export async function recomputeTie(
  deps: Db,
  ownerId: string,
  party: TieParty,
  nowMs: number,
): Promise<TieState> {
  const otherKey = partyKey(party);
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await readRow(deps.db, ownerId, otherKey);
    const facts = await loadTieFacts(deps.db, ownerId, otherKey);
    const at = Math.max(nowMs, row ? Date.parse(row.computed_at) : 0);
    const state = stageOf(settingsOf(row), facts, at);
    if (await write(deps.db, ownerId, party, state, at, row, null)) return state;
  }
  throw new Error("The tie kept changing while it was recomputed");
}

/**
 * Strength and stage follow a fact as soon as it is written (called by the ledger): the tie's state
 * takes the fact incrementally when it is the newest one, else the tie is recomputed from its ledger.
 * Recompute and incremental give the same state (test/services/ties.refresh.test.ts).
 */
export async function refreshTieWithFact(
  deps: Db,
  ownerId: string,
  party: TieParty,
  fact: Fact,
): Promise<void> {
  const otherKey = partyKey(party);
  const row = await readRow(deps.db, ownerId, otherKey);
  const computedAt = row ? Date.parse(row.computed_at) : Number.NEGATIVE_INFINITY;
  if (row && fact.occurredAt < computedAt) {
    await recomputeTie(deps, ownerId, party, fact.occurredAt);
    return;
  }
  const state = row ? parseState(row) : initialState(settingsOf(row));
  if (state.lastAt !== null && fact.occurredAt < state.lastAt) {
    await recomputeTie(deps, ownerId, party, fact.occurredAt);
    return;
  }
  const next = applyFact(state, fact, fact.occurredAt);
  if (!(await write(deps.db, ownerId, party, next, fact.occurredAt, row, null))) {
    await recomputeTie(deps, ownerId, party, fact.occurredAt);
  }
}

/** A tie's state let run to `nowMs` (stage by silence); the stored row is not changed. */
export function stateAt(row: Pick<TieRow, "state">, nowMs: number): TieState {
  return advance(parseState(row), nowMs);
}
