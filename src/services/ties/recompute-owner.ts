import type { Insertable, Kysely } from "kysely";
import { selectArrays } from "../../db/arrays.ts";
import { batchStatement } from "../../db/batch-statement.ts";
import type { Database } from "../../db/schema.ts";
import type { TiesTable } from "../../db/schema-ties.ts";
import { assignLayers, type LayerCandidate, stageOf } from "../../domain/relationships/index.ts";
import type { Fact, Layer } from "../../domain/relationships/types.ts";
import type { Deps } from "../deps.ts";
import { derivedColumns, settingsOf, uncappedLayer } from "./columns.ts";
import { factOf } from "./facts.ts";

/** Ledger rows read per round trip: the facts of a hundred-odd ties, never the whole ledger. */
const READ_PAGE = 4_000;
/** Ties written per statement (a power of two; small, as db/batch-statement.ts explains). */
const WRITE_ROWS = 64;

type LedgerArray = [string, number | boolean, string, string, string, string, string | null];
type Settings = Parameters<typeof settingsOf>[0];

/** A page of the owner's ledger in tie order, from the tie `from.key` on (or after it). */
const ledgerPage = (db: Kysely<Database>, ownerId: string, from: From, limit: number | null) => {
  const query = db
    .selectFrom("interactions")
    .select((eb) => [
      "other_key",
      // A flag, not the id again (it is other_key when set).
      eb("other_actor_id", "is not", null).as("is_actor"),
      "kind",
      "initiator",
      "channel",
      "occurred_at",
      "note",
    ])
    .where("owner_id", "=", ownerId)
    .where("other_key", from.inclusive ? ">=" : ">", from.key)
    // The ledger's key order (SQLite primary key, PostgreSQL's one-per-day index): no sort.
    .orderBy("other_key");
  return limit === null ? query.where("other_key", "=", from.key) : query.limit(limit);
};

interface From {
  key: string;
  inclusive: boolean;
}

/** Every fact of the owner, one tie at a time (each tie's rows whole), in pages of `pageRows` rows. */
async function forEachTie(
  db: Kysely<Database>,
  ownerId: string,
  pageRows: number,
  onTie: (key: string, rows: LedgerArray[]) => void,
  onPage: () => Promise<void>,
): Promise<void> {
  let from: From = { key: "", inclusive: true };
  for (;;) {
    const rows = (await selectArrays(db, ledgerPage(db, ownerId, from, pageRows))) as LedgerArray[];
    const full = rows.length === pageRows;
    const lastKey = rows.at(-1)?.[0];
    if (lastKey === undefined) return onPage();
    // A full page may end in the middle of its last tie: that tie starts the next page.
    const end = full ? rows.findIndex((row) => row[0] === lastKey) : rows.length;
    let start = 0;
    for (let i = 1; i <= end; i++) {
      const key = rows[start]?.[0] as string;
      if (i < end && rows[i]?.[0] === key) continue;
      onTie(key, rows.slice(start, i));
      start = i;
    }
    if (!full) return onPage();
    if (end === 0) {
      // One tie fills the page: read it whole on its own, then go on after it.
      const whole = { key: lastKey, inclusive: true };
      onTie(lastKey, (await selectArrays(db, ledgerPage(db, ownerId, whole, null))) as LedgerArray[]);
      from = { key: lastKey, inclusive: false };
    } else from = { key: lastKey, inclusive: true };
    await onPage();
    // Let other work run between pages.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

const COLUMNS = [
  "owner_id",
  "other_key",
  "other_actor_id",
  "other_contact_id",
  "stage",
  "strength",
  "peak_strength",
  "layer",
  "activation",
  "activation_at",
  "first_at",
  "last_interaction_at",
  "connected_at",
  "last_meetup_at",
  "next_suggested_at",
  "next_change_at",
  "state",
  "computed_at",
  "created_at",
  "updated_at",
] as const;

type TieInsert = Insertable<TiesTable>;

/** Creates the missing ties, and overwrites the derived columns of existing ones (not the settings). */
const upsertTies = batchStatement<Database, TieInsert>(
  COLUMNS,
  (db, rows) =>
    db
      .insertInto("ties")
      .values(rows)
      .onConflict((oc) =>
        oc.columns(["owner_id", "other_key"]).doUpdateSet((eb) => ({
          stage: eb.ref("excluded.stage"),
          strength: eb.ref("excluded.strength"),
          peak_strength: eb.ref("excluded.peak_strength"),
          layer: eb.ref("excluded.layer"),
          activation: eb.ref("excluded.activation"),
          activation_at: eb.ref("excluded.activation_at"),
          first_at: eb.ref("excluded.first_at"),
          last_interaction_at: eb.ref("excluded.last_interaction_at"),
          connected_at: eb.ref("excluded.connected_at"),
          last_meetup_at: eb.ref("excluded.last_meetup_at"),
          next_suggested_at: eb.ref("excluded.next_suggested_at"),
          next_change_at: eb.ref("excluded.next_change_at"),
          state: eb.ref("excluded.state"),
          computed_at: eb.ref("excluded.computed_at"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      ),
  WRITE_ROWS,
);

/**
 * Recomputes every tie of one owner from the ledger, creating the missing rows: after a bulk import of
 * historical facts, which bypasses the per-fact update. Enqueue `ties.recompute-owner` with
 * `{ ownerId }` to run it in the background. Returns the number of ties.
 *
 * The ledger is read in its key order, a page at a time; each tie is computed as soon as its facts are
 * read and written with the page (a short transaction, WRITE_ROWS rows per statement compiled once),
 * so memory follows a page, not the owner's ties or facts: an import's 30,000 new ties are never held
 * at once. The Dunbar caps (5/15/50/150) need every tie's strength: ties are written in their own
 * layer, and those the caps move out are moved at the end. Ties are derived from the ledger: a
 * recompute cut short leaves some ties fresh and others as they were, and the next one finishes it.
 * (`pageRows`: ledger rows read at once; tests make it small.)
 */
export async function recomputeOwner(
  deps: Pick<Deps, "db">,
  ownerId: string,
  nowMs: number,
  pageRows = READ_PAGE,
): Promise<number> {
  const existing = await deps.db
    .selectFrom("ties")
    .select(["other_key", "family", "pinned_layer", "cadence_days", "closeness"])
    .where("owner_id", "=", ownerId)
    .execute();
  const settingsByKey = new Map<string, Settings>(existing.map((e) => [e.other_key, e]));
  const now = new Date(nowMs).toISOString();
  const candidates: LayerCandidate[] = [];
  let pending: TieInsert[] = [];
  const writePage = async () => {
    const rows = pending;
    pending = [];
    if (rows.length > 0) await deps.db.transaction().execute((tx) => upsertTies(tx, rows));
  };
  await forEachTie(
    deps.db,
    ownerId,
    pageRows,
    (key, rows) => {
      const facts: Fact[] = [];
      // The tie's party as its first readable fact names it.
      let isActor = false;
      // Indexed, not destructured: 200,000 rows, most of them before the JIT has optimized this loop.
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as LedgerArray;
        const fact = factOf(row[2], row[3], row[4], row[5], row[6]);
        if (!fact) continue;
        if (facts.length === 0) isActor = Boolean(row[1]);
        facts.push(fact);
      }
      // A tie whose every fact is of an unknown kind (a newer version wrote them) is not a tie yet.
      if (facts.length === 0) return;
      const state = stageOf(settingsOf(settingsByKey.get(key)), facts, nowMs);
      const columns = derivedColumns(state, nowMs);
      const layer = uncappedLayer(state, nowMs);
      const pinned = state.settings.pinnedLayer;
      candidates.push(
        pinned === undefined
          ? { id: key, layer, strength: columns.strength }
          : { id: key, layer, strength: columns.strength, pinnedLayer: pinned },
      );
      const actorId = isActor ? key : null;
      pending.push({
        owner_id: ownerId,
        other_key: key,
        other_actor_id: actorId,
        other_contact_id: actorId ? null : key,
        ...columns,
        layer: pinned ?? layer,
        created_at: now,
        updated_at: now,
      });
    },
    writePage,
  );
  await applyCaps(deps, ownerId, candidates);
  return candidates.length;
}

/** Moves the ties the Dunbar caps push out of the layer they were written in, in one transaction. */
async function applyCaps(deps: Pick<Deps, "db">, ownerId: string, candidates: LayerCandidate[]) {
  const moved = new Map<Layer, string[]>();
  assignLayers(candidates).forEach((assigned, i) => {
    const tie = candidates[i] as LayerCandidate;
    if (assigned.layer === (tie.pinnedLayer ?? tie.layer)) return;
    const keys = moved.get(assigned.layer) ?? [];
    keys.push(assigned.id);
    moved.set(assigned.layer, keys);
  });
  if (moved.size === 0) return;
  await deps.db.transaction().execute(async (tx) => {
    for (const [layer, keys] of moved) {
      for (let i = 0; i < keys.length; i += 500) {
        await tx
          .updateTable("ties")
          .set({ layer })
          .where("owner_id", "=", ownerId)
          .where("other_key", "in", keys.slice(i, i + 500))
          .execute();
      }
    }
  });
}
