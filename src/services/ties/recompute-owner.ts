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
/** Ties written per statement (a power of two). */
const WRITE_ROWS = 512;

type LedgerArray = [string, number | boolean, string, string, string, string, string | null];
type Settings = Parameters<typeof settingsOf>[0];

/** One recomputed tie, its facts already dropped: the row to write and its layer candidate. */
interface Computed {
  key: string;
  actorId: string | null;
  columns: ReturnType<typeof derivedColumns>;
  candidate: LayerCandidate;
}

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
): Promise<void> {
  let from: From = { key: "", inclusive: true };
  for (;;) {
    const rows = (await selectArrays(db, ledgerPage(db, ownerId, from, pageRows))) as LedgerArray[];
    const full = rows.length === pageRows;
    const lastKey = rows.at(-1)?.[0];
    if (lastKey === undefined) return;
    // A full page may end in the middle of its last tie: that tie starts the next page.
    const end = full ? rows.findIndex((row) => row[0] === lastKey) : rows.length;
    let start = 0;
    for (let i = 1; i <= end; i++) {
      const key = rows[start]?.[0] as string;
      if (i < end && rows[i]?.[0] === key) continue;
      onTie(key, rows.slice(start, i));
      start = i;
    }
    if (!full) return;
    if (end === 0) {
      // One tie fills the page: read it whole on its own, then go on after it.
      const whole = { key: lastKey, inclusive: true };
      onTie(lastKey, (await selectArrays(db, ledgerPage(db, ownerId, whole, null))) as LedgerArray[]);
      from = { key: lastKey, inclusive: false };
    } else from = { key: lastKey, inclusive: true };
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
 * read and its facts dropped, so memory follows the number of ties, not of facts. Then the Dunbar caps
 * (5/15/50/150) over all ties, and the rows upserted in one transaction, WRITE_ROWS per statement
 * (compiled once: building Kysely's tree of 5,000 rows × 20 columns cost more than the SQL).
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
  const computed: Computed[] = [];
  await forEachTie(deps.db, ownerId, pageRows, (key, rows) => {
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
    const base = { id: key, layer: uncappedLayer(state, nowMs), strength: columns.strength };
    const pinned = state.settings.pinnedLayer;
    const candidate = pinned === undefined ? base : { ...base, pinnedLayer: pinned };
    computed.push({ key, actorId: isActor ? key : null, columns, candidate });
  });
  const count = computed.length;
  const layers = assignLayers(computed.map((c) => c.candidate));
  const now = new Date(nowMs).toISOString();
  const rowOf = (i: number): TieInsert => {
    const { key, actorId, columns } = computed[i] as Computed;
    return {
      owner_id: ownerId,
      other_key: key,
      other_actor_id: actorId,
      other_contact_id: actorId ? null : key,
      ...columns,
      layer: (layers[i]?.layer ?? 500) as Layer,
      created_at: now,
      updated_at: now,
    };
  };
  await deps.db.transaction().execute(async (tx) => {
    // Rows are built a statement's worth at a time, and each tie let go once written: an import's
    // 30,000 ties never exist twice over.
    for (let i = 0; i < count; i += WRITE_ROWS) {
      const end = Math.min(count, i + WRITE_ROWS);
      const rows: TieInsert[] = [];
      for (let j = i; j < end; j++) rows.push(rowOf(j));
      computed.fill(RELEASED, i, end);
      await upsertTies(tx, rows);
    }
  });
  return count;
}

/** What a written tie's slot holds, so that its columns (the serialized state) can be collected. */
const RELEASED: Computed = {
  key: "",
  actorId: null,
  columns: {} as Computed["columns"],
  candidate: { id: "", layer: 500, strength: 0 },
};
