import { refreshPlannerStatistics } from "../../db/index.ts";
import type { Deps } from "../deps.ts";
import { digestJobs, digestRecurring } from "../digest/weekly.ts";
import { eventsJobs } from "../events/jobs.ts";
import { importsJobs, importsRecurring } from "../imports/jobs.ts";
import { postsJobs } from "../posts/jobs.ts";
import { searchJobs } from "../search/merge.ts";
import { tiesJobs, tiesRecurring } from "../ties/jobs.ts";
import { timelinesBatchJobs, timelinesJobs, timelinesRecurring } from "../timelines/jobs.ts";
import { cleanUpJobs } from "./cleanup.ts";

/** What runs a job of one kind; it validates its own payload and throws to ask for a retry. */
export type JobHandler = (deps: Deps, payload: unknown) => Promise<void>;

/**
 * What runs several waiting jobs of one kind at once, when doing them together costs less than one
 * after the other (the fan-out of several posts: one page write per person for all of them).
 */
export type BatchJobHandler = (deps: Deps, payloads: unknown[]) => Promise<void>;

/** Work that repeats: a job of `kind` is kept pending, run every `everySeconds`. */
export interface RecurringJob {
  kind: string;
  everySeconds: number;
}

/** Every area's job handlers; an area adds one spread line. */
export const jobHandlers: Record<string, JobHandler> = {
  "jobs.cleanup": (deps) => cleanUpJobs(deps),
  "db.optimize": (deps) => refreshPlannerStatistics(deps.db),
  ...importsJobs,
  ...timelinesJobs,
  ...postsJobs,
  ...searchJobs,
  ...tiesJobs,
  ...digestJobs,
  ...eventsJobs,
};

/** Kinds whose waiting jobs may run together (each kind also needs a handler above, for one job). */
export const batchJobHandlers: Record<string, BatchJobHandler> = {
  ...timelinesBatchJobs,
};

/** Every area's periodic jobs (each kind also needs a handler above). */
export const recurringJobs: RecurringJob[] = [
  { kind: "jobs.cleanup", everySeconds: 86_400 },
  { kind: "db.optimize", everySeconds: 86_400 },
  ...importsRecurring,
  ...timelinesRecurring,
  ...tiesRecurring,
  ...digestRecurring,
];
