import type { BatchJobHandler, JobHandler, RecurringJob } from "../jobs/handlers.ts";
import type { JobRegistry } from "../jobs/runner.ts";
import { FANOUT_JOB, fanOut, fanOutMany } from "./fanout.ts";
import { trimTimelines } from "./trim.ts";

export const TRIM_JOB = "timelines.trim";

const fanOutOne: JobHandler = async (deps, payload) => {
  await fanOut(deps, payload);
};

/** The timelines area's jobs: fan-out of a post or boost, and the periodic trim. */
export const timelinesJobs: Record<string, JobHandler> = {
  [FANOUT_JOB]: fanOutOne,
  [TRIM_JOB]: (deps) => trimTimelines(deps),
};

export const timelinesRecurring: RecurringJob[] = [{ kind: TRIM_JOB, everySeconds: 6 * 3600 }];

/** Fan-outs waiting together are written together (fanOutMany). */
export const timelinesBatchJobs: Record<string, BatchJobHandler> = {
  [FANOUT_JOB]: async (deps, payloads) => {
    await fanOutMany(deps, payloads);
  },
};

/**
 * The jobs that run in a thread of their own in the embedded setup (src/jobs-thread.ts): a fan-out
 * writes thousands of rows, which on the web process's event loop held requests behind it (posting
 * p99 ÷ p50 of 4.5 to 5.3 on the bench network, against 2.1 to 3.4 with the same work elsewhere).
 */
export const timelinesThreadJobs: JobRegistry = {
  handlers: { [FANOUT_JOB]: fanOutOne },
  batches: timelinesBatchJobs,
  recurring: [],
};
