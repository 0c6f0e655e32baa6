import { getLogger } from "@logtape/logtape";
import type { Selectable } from "kysely";
import type { JobsTable } from "../../db/schema-jobs.ts";
import { addSeconds, type Deps } from "../deps.ts";
import {
  type BatchJobHandler,
  batchJobHandlers,
  type JobHandler,
  jobHandlers,
  type RecurringJob,
  recurringJobs,
} from "./handlers.ts";
import { enqueue, onEnqueue } from "./queue.ts";

const log = getLogger(["liens", "jobs"]);

/** How long a claimed job is reserved for its worker; a crashed worker's jobs are retried after it. */
export const LEASE_SECONDS = 300;
const MAX_BACKOFF_SECONDS = 3600;

type Job = Selectable<JobsTable>;

export interface JobRegistry {
  handlers: Record<string, JobHandler>;
  /** Kinds whose claimed jobs run together; one alone, or a batch that failed, runs by `handlers`. */
  batches?: Record<string, BatchJobHandler>;
  recurring: RecurringJob[];
}

const defaultRegistry: JobRegistry = {
  handlers: jobHandlers,
  batches: batchJobHandlers,
  recurring: recurringJobs,
};

/** Seconds to wait before attempt `attempts + 1`: 5 s, 10 s, 20 s… up to an hour, with jitter. */
export function backoffSeconds(attempts: number, random = Math.random): number {
  const base = Math.min(MAX_BACKOFF_SECONDS, 5 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (1 + random() * 0.25));
}

/** Claims up to `limit` due jobs (or expired claims) for this worker. */
async function claimDue(deps: Deps, limit: number): Promise<Job[]> {
  const now = deps.clock.now();
  const iso = now.toISOString();
  const candidates = await deps.db
    .selectFrom("jobs")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb("run_at", "<=", iso)]),
        eb.and([eb("status", "=", "running"), eb("locked_until", "<", iso)]),
      ]),
    )
    .orderBy("run_at")
    .limit(limit)
    .execute();
  const claimed: Job[] = [];
  const lockedUntil = addSeconds(now, LEASE_SECONDS);
  for (const job of candidates) {
    // Optimistic claim: only one worker's update matches the row as it was read.
    const result = await deps.db
      .updateTable("jobs")
      .set({ status: "running", locked_until: lockedUntil, attempts: job.attempts + 1 })
      .where("id", "=", job.id)
      .where("status", "=", job.status)
      .where("attempts", "=", job.attempts)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) {
      claimed.push({ ...job, status: "running", locked_until: lockedUntil, attempts: job.attempts + 1 });
    }
  }
  return claimed;
}

async function finish(deps: Deps, job: Job, registry: JobRegistry, error: unknown): Promise<void> {
  const now = deps.clock.now();
  if (error === undefined) {
    await deps.db
      .updateTable("jobs")
      .set({ status: "done", locked_until: null, finished_at: now.toISOString() })
      .where("id", "=", job.id)
      .execute();
  } else {
    const message = error instanceof Error ? error.message : String(error);
    const giveUp = job.attempts >= job.max_attempts;
    log.error("Job {kind} {id} failed (attempt {attempts}/{max}): {message}", {
      kind: job.kind,
      id: job.id,
      attempts: job.attempts,
      max: job.max_attempts,
      message,
      error,
    });
    await deps.db
      .updateTable("jobs")
      .set(
        giveUp
          ? { status: "failed", locked_until: null, last_error: message, finished_at: now.toISOString() }
          : {
              status: "pending",
              locked_until: null,
              last_error: message,
              run_at: addSeconds(now, backoffSeconds(job.attempts)),
            },
      )
      .where("id", "=", job.id)
      .execute();
    if (!giveUp) return;
  }
  const recurring = registry.recurring.find((r) => r.kind === job.kind);
  if (recurring) await scheduleNext(deps, recurring, addSeconds(now, recurring.everySeconds));
}

async function runOne(deps: Deps, job: Job, registry: JobRegistry): Promise<void> {
  const handler = registry.handlers[job.kind];
  let failure: unknown;
  try {
    if (!handler) throw new Error(`No handler for jobs of kind "${job.kind}"`);
    await handler(deps, JSON.parse(job.payload));
  } catch (error) {
    failure = error ?? new Error("Job failed");
  }
  if (!handler) {
    await deps.db.updateTable("jobs").set({ max_attempts: job.attempts }).where("id", "=", job.id).execute();
    job.max_attempts = job.attempts;
  }
  await finish(deps, job, registry, failure);
}

/**
 * Runs claimed jobs of one kind together. If the batch fails, each job runs alone, so that one bad
 * job fails (and retries) by itself; handlers are idempotent, as any retried job's must be.
 */
async function runBatch(
  deps: Deps,
  jobs: Job[],
  batch: BatchJobHandler,
  registry: JobRegistry,
): Promise<void> {
  if (jobs.length > 1) {
    try {
      await batch(
        deps,
        jobs.map((job) => JSON.parse(job.payload)),
      );
      for (const job of jobs) await finish(deps, job, registry, undefined);
      return;
    } catch (error) {
      log.warn("A batch of {count} {kind} jobs failed, running them one by one: {error}", {
        count: jobs.length,
        kind: jobs[0]?.kind,
        error,
      });
    }
  }
  for (const job of jobs) await runOne(deps, job, registry);
}

function scheduleNext(deps: Deps, recurring: RecurringJob, runAt: string): Promise<boolean> {
  return enqueue(deps, { kind: recurring.kind, key: `recurring:${recurring.kind}`, runAt });
}

/** Makes sure every recurring job has its next run waiting (idempotent across processes). */
export async function scheduleRecurring(deps: Deps, registry = defaultRegistry): Promise<void> {
  for (const recurring of registry.recurring) {
    const waiting = await deps.db
      .selectFrom("jobs")
      .select("id")
      .where("kind", "=", recurring.kind)
      .where("status", "in", ["pending", "running"])
      .executeTakeFirst();
    if (!waiting) await scheduleNext(deps, recurring, deps.clock.now().toISOString());
  }
}

/**
 * Runs the due jobs (up to `limit`): one after the other, those of a kind that runs in batches
 * together; returns how many ran.
 */
export async function runDueJobs(deps: Deps, limit = 20, registry = defaultRegistry): Promise<number> {
  const jobs = await claimDue(deps, limit);
  const batched = new Map<BatchJobHandler, Job[]>();
  for (const job of jobs) {
    const batch = registry.batches?.[job.kind];
    if (!batch) await runOne(deps, job, registry);
    else batched.set(batch, [...(batched.get(batch) ?? []), job]);
  }
  for (const [batch, group] of batched) await runBatch(deps, group, batch, registry);
  return jobs.length;
}

/** Runs every job due now, including those the jobs themselves enqueue (tests, CLI). */
export async function drainJobs(deps: Deps, registry = defaultRegistry): Promise<number> {
  let total = 0;
  for (let round = 0; round < 10_000; round++) {
    const ran = await runDueJobs(deps, 100, registry);
    if (ran === 0) return total;
    total += ran;
  }
  throw new Error("drainJobs: jobs keep enqueuing due jobs");
}

export interface Worker {
  stop(): Promise<void>;
}

/**
 * Runs jobs until stopped: in the web process in the embedded setup, or in `liens worker`. It wakes
 * when a job is enqueued in this process, and polls for the rest (other processes, retries, timers).
 */
export function startWorker(deps: Deps, options: { pollMs?: number; batch?: number } = {}): Worker {
  const pollMs = options.pollMs ?? 1000;
  let stopped = false;
  let wake: (() => void) | null = null;
  const unsubscribe = onEnqueue(() => wake?.());
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  const loop = (async () => {
    try {
      await scheduleRecurring(deps);
    } catch (error) {
      log.error("Could not schedule recurring jobs: {error}", { error });
    }
    while (!stopped) {
      try {
        const ran = await runDueJobs(deps, options.batch ?? 20);
        if (ran > 0) continue;
      } catch (error) {
        log.error("The job runner failed: {error}", { error });
      }
      if (!stopped) await sleep();
    }
  })();
  return {
    async stop() {
      stopped = true;
      unsubscribe();
      wake?.();
      await loop;
    },
  };
}
