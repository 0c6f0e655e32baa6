import type { Deps } from "../deps.ts";

const DAY_MS = 86_400_000;
/** Finished jobs stay visible to the admin for a week, failed ones for a month. */
export const KEEP_DONE_DAYS = 7;
export const KEEP_FAILED_DAYS = 30;

/** Deletes old finished jobs so the queue table stays small. */
export async function cleanUpJobs(deps: Pick<Deps, "db" | "clock">): Promise<void> {
  const now = deps.clock.now().getTime();
  await deps.db
    .deleteFrom("jobs")
    .where("status", "=", "done")
    .where("finished_at", "<", new Date(now - KEEP_DONE_DAYS * DAY_MS).toISOString())
    .execute();
  await deps.db
    .deleteFrom("jobs")
    .where("status", "=", "failed")
    .where("finished_at", "<", new Date(now - KEEP_FAILED_DAYS * DAY_MS).toISOString())
    .execute();
}
