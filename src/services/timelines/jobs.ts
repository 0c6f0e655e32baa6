import type { BatchJobHandler, JobHandler, RecurringJob } from "../jobs/handlers.ts";
import { FANOUT_JOB, fanOut, fanOutMany } from "./fanout.ts";
import { trimTimelines } from "./trim.ts";

export const TRIM_JOB = "timelines.trim";

/** The timelines area's jobs: fan-out of a post or boost, and the periodic trim. */
export const timelinesJobs: Record<string, JobHandler> = {
  [FANOUT_JOB]: async (deps, payload) => {
    await fanOut(deps, payload);
  },
  [TRIM_JOB]: (deps) => trimTimelines(deps),
};

export const timelinesRecurring: RecurringJob[] = [{ kind: TRIM_JOB, everySeconds: 6 * 3600 }];

/** Fan-outs waiting together are written together (fanOutMany). */
export const timelinesBatchJobs: Record<string, BatchJobHandler> = {
  [FANOUT_JOB]: async (deps, payloads) => {
    await fanOutMany(deps, payloads);
  },
};
