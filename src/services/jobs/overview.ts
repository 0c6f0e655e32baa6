import { NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { assertAdmin } from "../instance/settings.ts";

export interface JobCount {
  kind: string;
  status: string;
  count: number;
}

export interface FailedJob {
  id: string;
  kind: string;
  attempts: number;
  lastError: string | null;
  finishedAt: string | null;
}

/** A job that failed and waits for its next attempt (with a growing delay: jobs/run.ts). */
export interface RetryingJob {
  id: string;
  kind: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  nextAt: string;
}

export interface JobsOverview {
  counts: JobCount[];
  failed: FailedJob[];
  retrying: RetryingJob[];
  /** Jobs due for more than a minute and not started: a sign no worker is running. */
  overdue: number;
}

/**
 * What the admin sees of the background work: counts per kind and state, the jobs failing and waiting
 * to be tried again (soonest first), and the ones that gave up.
 */
export async function jobsOverview(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
): Promise<JobsOverview> {
  assertAdmin(viewer);
  const minuteAgo = new Date(deps.clock.now().getTime() - 60_000).toISOString();
  const [counts, failed, retrying, overdue] = await Promise.all([
    deps.db
      .selectFrom("jobs")
      .select(["kind", "status", (eb) => eb.fn.countAll<number>().as("count")])
      .groupBy(["kind", "status"])
      .orderBy("kind")
      .orderBy("status")
      .execute(),
    deps.db
      .selectFrom("jobs")
      .select(["id", "kind", "attempts", "last_error", "finished_at"])
      .where("status", "=", "failed")
      .orderBy("finished_at", "desc")
      .limit(50)
      .execute(),
    deps.db
      .selectFrom("jobs")
      .select(["id", "kind", "attempts", "max_attempts", "last_error", "run_at"])
      .where("status", "=", "pending")
      .where("attempts", ">", 0)
      .orderBy("run_at")
      .limit(50)
      .execute(),
    deps.db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("status", "=", "pending")
      .where("run_at", "<", minuteAgo)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    counts: counts.map((c) => ({ kind: c.kind, status: c.status, count: Number(c.count) })),
    failed: failed.map((f) => ({
      id: f.id,
      kind: f.kind,
      attempts: f.attempts,
      lastError: f.last_error,
      finishedAt: f.finished_at,
    })),
    retrying: retrying.map((r) => ({
      id: r.id,
      kind: r.kind,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      lastError: r.last_error,
      nextAt: r.run_at,
    })),
    overdue: Number(overdue.count),
  };
}

/** Gives a failed job a fresh set of attempts, now. */
export async function retryJob(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
  id: string,
): Promise<void> {
  assertAdmin(viewer);
  const result = await deps.db
    .updateTable("jobs")
    .set({ status: "pending", attempts: 0, run_at: deps.clock.now().toISOString(), finished_at: null })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new NotFound();
}
