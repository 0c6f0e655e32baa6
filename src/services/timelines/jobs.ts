import { z } from "zod";
import type { BatchJobHandler, JobHandler, RecurringJob } from "../jobs/handlers.ts";
import { FANOUT_JOB, fanOut, fanOutMany } from "./fanout.ts";
import { ensureFreshTimeline, REBUILD_JOB } from "./home.ts";
import { trimTimelines } from "./trim.ts";

export const TRIM_JOB = "timelines.trim";

const rebuildPayload = z.object({ ownerId: z.string().min(1) });

/**
 * The timelines area's jobs: fan-out of a post or boost, the rebuild a home page asked for (skipped if
 * the timeline was made current meanwhile), and the periodic trim.
 */
export const timelinesJobs: Record<string, JobHandler> = {
  [FANOUT_JOB]: async (deps, payload) => {
    await fanOut(deps, payload);
  },
  [REBUILD_JOB]: async (deps, payload) => {
    const { ownerId } = rebuildPayload.parse(payload);
    // An account purged since the page that asked has no timeline left to build.
    const owner = await deps.db
      .selectFrom("actors")
      .select("id")
      .where("id", "=", ownerId)
      .executeTakeFirst();
    if (owner) await ensureFreshTimeline(deps, ownerId);
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
