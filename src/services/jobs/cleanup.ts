import type { Deps } from "../deps.ts";
import { betweenTransactions, type TurnDeps } from "./turns.ts";

const DAY_MS = 86_400_000;
/** Finished jobs stay visible to the admin for a week, failed ones for a month. */
export const KEEP_DONE_DAYS = 7;
export const KEEP_FAILED_DAYS = 30;
/**
 * Jobs one statement deletes at most, requests served between two. In one statement, 200,000 done
 * jobs (a week at 20 jobs a minute) held the process 490 ms; by 250, a statement takes 3 to 4 ms at
 * the median (each commits, and writes its pages to the WAL), 3.2 to 3.7 s in all.
 */
const JOBS_PER_DELETE = 250;

/** Deletes old finished jobs so the queue table stays small. */
export async function cleanUpJobs(deps: Pick<Deps, "db" | "clock"> & TurnDeps): Promise<void> {
  const now = deps.clock.now().getTime();
  for (const [status, days] of [
    ["done", KEEP_DONE_DAYS],
    ["failed", KEEP_FAILED_DAYS],
  ] as const) {
    const before = new Date(now - days * DAY_MS).toISOString();
    // A job finishes after it is due: its run_at bounds the range of the index by status and run_at
    // that holds the candidates, and the scan stops at the first job due since.
    const oldest = deps.db
      .selectFrom("jobs")
      .select("id")
      .where("status", "=", status)
      .where("run_at", "<", before)
      .where("finished_at", "<", before)
      .limit(JOBS_PER_DELETE);
    for (;;) {
      const { numDeletedRows } = await deps.db
        .deleteFrom("jobs")
        .where("id", "in", oldest)
        .executeTakeFirst();
      if (Number(numDeletedRows) < JOBS_PER_DELETE) break;
      await betweenTransactions(deps);
    }
  }
}
