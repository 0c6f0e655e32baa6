import { type Kysely, sql } from "kysely";
import { UPKEEP_STEPS, upkeepSoon } from "../../db/checkpointer.ts";
import { isSqlite } from "../../db/engine.ts";
import type { Database } from "../../db/schema.ts";
import { SEARCH_MERGE_STEP } from "../../db/search-index.ts";
import type { Deps } from "../deps.ts";
import type { JobHandler } from "../jobs/handlers.ts";
import { enqueue } from "../jobs/queue.ts";
import { betweenTransactions, type TurnDeps } from "../jobs/turns.ts";

/**
 * SQLite's full-text index of posts (FTS5) grows a segment with each write and reads all of them in a
 * search: segments must be merged, which its writes no longer do themselves (migration 0022: 20 to
 * 35 ms inside a request at times). This job does it soon after writes (the writes of those seconds
 * share one job): in the database's thread, off the event loop, in a long-running process; by itself
 * otherwise, a step a transaction.
 */
export const SEARCH_MERGE_JOB = "search.merge";
const MERGE_DELAY_MS = 2000;
/**
 * Steps a job, in the thread or here (UPKEEP_STEPS, 16): 128 pages, as much as FTS5's own merging did
 * for the posts of a couple of seconds at 25 a second. A job that did more paid off the merges a large
 * index had left pending all at once, seconds of it, in the middle of the requests (timelines bench);
 * the next writes schedule the rest.
 */
const MAX_STEPS = UPKEEP_STEPS;

/** Schedules the merge after a write to the posts' text; pass the write's transaction. */
export async function enqueueSearchMerge(deps: Pick<Deps, "clock" | "newId"> & { db: Kysely<Database> }) {
  if (!isSqlite(deps.db)) return;
  const runAt = new Date(deps.clock.now().getTime() + MERGE_DELAY_MS).toISOString();
  await enqueue(deps, { kind: SEARCH_MERGE_JOB, key: SEARCH_MERGE_JOB, runAt });
}

async function totalChanges(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select total_changes() as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Merges segments of the posts' full-text index where a level holds several, until no step finds any
 * to merge or MAX_STEPS. Returns how many steps merged something here (none when the database's
 * thread does it).
 */
export async function mergeSearchIndex(deps: TurnDeps): Promise<number> {
  if (!isSqlite(deps.db) || upkeepSoon(deps.db)) return 0;
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    const merged = await deps.db.transaction().execute(async (trx) => {
      const before = await totalChanges(trx);
      await sql.raw(SEARCH_MERGE_STEP).execute(trx);
      return (await totalChanges(trx)) !== before;
    });
    if (!merged) return steps;
    await betweenTransactions(deps);
  }
  return MAX_STEPS;
}

export const searchJobs: Record<string, JobHandler> = {
  [SEARCH_MERGE_JOB]: async (deps) => {
    await mergeSearchIndex(deps);
  },
};
