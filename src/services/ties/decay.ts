import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { advance, assignLayers, type TieState } from "../../domain/relationships/index.ts";
import type { Layer } from "../../domain/relationships/types.ts";
import type { Deps } from "../deps.ts";
import { enqueue } from "../jobs/queue.ts";
import { derivedColumns, parseState, uncappedLayer } from "./columns.ts";

/** Owners handled per database round trip; the job yields to the event loop between them. */
const OWNERS_PER_BATCH = 20;
/** Ties computed between two yields to the event loop. */
const SLICE = 200;
/** A chunk job stops after this long and enqueues the next one (short jobs: no lease expires, crashes resume). */
const CHUNK_MS = 5_000;

export const DECAY_KIND = "ties.decay";
export const DECAY_CHUNK_KIND = "ties.decay-chunk";

interface DecayRow {
  owner_id: string;
  other_key: string;
  state: string;
  stage: string;
  layer: number;
  strength: number;
}

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Lets the clock run for every tie of some owners: stages move by silence (fading, dormant), strength
 * decays, and the Dunbar caps (5/15/50/150) are applied per owner, demoting the weakest. One
 * transaction per batch; only changed rows are written.
 */
export async function decayOwners(db: Kysely<Database>, owners: readonly string[], nowMs: number) {
  if (owners.length === 0) return 0;
  const rows: DecayRow[] = await db
    .selectFrom("ties")
    .select(["owner_id", "other_key", "state", "stage", "layer", "strength"])
    .where("owner_id", "in", owners)
    .execute();
  const byOwner = new Map<string, { row: DecayRow; state: TieState; changes: number }[]>();
  for (const [i, row] of rows.entries()) {
    // Parsing and advancing is the CPU part: let requests in every few hundred ties.
    if (i > 0 && i % SLICE === 0) await yieldToRequests();
    const before = parseState(row);
    const changes = before.history.length;
    const state = advance(before, nowMs);
    const list = byOwner.get(row.owner_id) ?? [];
    list.push({ row, state, changes });
    byOwner.set(row.owner_id, list);
  }
  const updates: { owner: string; key: string; set: Record<string, unknown>; ifState: string | null }[] = [];
  for (const [owner, ties] of byOwner) {
    await yieldToRequests();
    const columns = ties.map(({ state }) => derivedColumns(state, nowMs));
    const layers = assignLayers(
      ties.map(({ row, state }, i) => {
        const pinned = state.settings.pinnedLayer;
        const base = {
          id: row.other_key,
          layer: uncappedLayer(state, nowMs),
          strength: columns[i]?.strength ?? 0,
        };
        return pinned === undefined ? base : { ...base, pinnedLayer: pinned };
      }),
    );
    ties.forEach(({ row, state, changes }, i) => {
      const c = columns[i];
      const layer = (layers[i]?.layer ?? 500) as Layer;
      if (!c) return;
      const stageMoved = state.stage !== row.stage || state.history.length !== changes;
      const set: Record<string, unknown> = {
        strength: c.strength,
        layer,
        next_change_at: c.next_change_at,
      };
      if (stageMoved) Object.assign(set, { stage: c.stage, state: c.state, computed_at: c.computed_at });
      const same = !stageMoved && layer === row.layer && Math.abs(c.strength - row.strength) < 1e-4;
      if (!same) updates.push({ owner, key: row.other_key, set, ifState: stageMoved ? row.state : null });
    });
  }
  if (updates.length > 0) {
    await db.transaction().execute(async (tx) => {
      for (const u of updates) {
        // A state written meanwhile by a new fact wins: it is newer than this run's view.
        let query = tx
          .updateTable("ties")
          .set(u.set)
          .where("owner_id", "=", u.owner)
          .where("other_key", "=", u.key);
        if (u.ifState !== null) query = query.where("state", "=", u.ifState);
        await query.execute();
      }
    });
  }
  return rows.length;
}

/** Owners with ties after `after`, in order. */
async function nextOwners(db: Kysely<Database>, after: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("ties")
    .select("owner_id")
    .distinct()
    .where("owner_id", ">", after)
    .orderBy("owner_id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.owner_id);
}

export interface DecayProgress {
  /** The last owner handled, or null when every owner is done. */
  after: string | null;
  owners: number;
  ties: number;
}

/** Runs the decay for owners after `after` for about `budgetMs`, yielding between batches. */
export async function decayChunk(
  deps: Pick<Deps, "db">,
  after: string,
  nowMs: number,
  budgetMs = CHUNK_MS,
): Promise<DecayProgress> {
  const started = performance.now();
  let cursor = after;
  let owners = 0;
  let ties = 0;
  while (performance.now() - started < budgetMs) {
    const batch = await nextOwners(deps.db, cursor, OWNERS_PER_BATCH);
    if (batch.length === 0) return { after: null, owners, ties };
    ties += await decayOwners(deps.db, batch, nowMs);
    owners += batch.length;
    cursor = batch.at(-1) ?? cursor;
    await yieldToRequests();
  }
  return { after: cursor, owners, ties };
}

/** The whole network at once (tests, benchmark): every chunk in a row. */
export async function decayAll(deps: Pick<Deps, "db">, nowMs: number, budgetMs = CHUNK_MS) {
  let after = "";
  let owners = 0;
  let ties = 0;
  for (;;) {
    const progress = await decayChunk(deps, after, nowMs, budgetMs);
    owners += progress.owners;
    ties += progress.ties;
    if (progress.after === null) return { owners, ties };
    after = progress.after;
  }
}

/** Daily (recurring): starts a chain of chunk jobs over every owner, all at the same "now". */
export async function startDecay(deps: Deps): Promise<void> {
  await enqueue(deps, {
    kind: DECAY_CHUNK_KIND,
    key: DECAY_CHUNK_KIND,
    payload: { after: "", now: deps.clock.now().toISOString() },
  });
}

/** One chunk of the daily decay, then the next chunk as a new job (the web keeps answering between). */
export async function runDecayChunk(deps: Deps, payload: unknown): Promise<void> {
  const { after, now } = (payload ?? {}) as { after?: unknown; now?: unknown };
  const nowMs = typeof now === "string" ? Date.parse(now) : deps.clock.now().getTime();
  const progress = await decayChunk(deps, typeof after === "string" ? after : "", nowMs);
  if (progress.after !== null) {
    await enqueue(deps, {
      kind: DECAY_CHUNK_KIND,
      key: `${DECAY_CHUNK_KIND}:${progress.after}`,
      payload: { after: progress.after, now: new Date(nowMs).toISOString() },
    });
  }
}
