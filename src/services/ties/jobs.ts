import type { JobHandler } from "../jobs/handlers.ts";
import { bulkJob } from "../jobs/tight-heap.ts";
import { DECAY_CHUNK_KIND, DECAY_KIND, runDecayChunk, startDecay } from "./decay.ts";
import { recomputeOwner } from "./recompute-owner.ts";

export const RECOMPUTE_OWNER_KIND = "ties.recompute-owner";

/** The ties area's jobs: the daily decay (a chain of chunks) and a full recompute of one owner's ties. */
export const tiesJobs: Record<string, JobHandler> = {
  [DECAY_KIND]: (deps) => startDecay(deps),
  [DECAY_CHUNK_KIND]: runDecayChunk,
  [RECOMPUTE_OWNER_KIND]: bulkJob(async (deps, payload) => {
    const ownerId = (payload as { ownerId?: unknown } | null)?.ownerId;
    if (typeof ownerId !== "string") throw new Error("ties.recompute-owner needs an ownerId");
    await recomputeOwner(deps, ownerId, deps.clock.now().getTime());
  }),
};

/** Daily: decay and stage moves for everyone. */
export const tiesRecurring = [{ kind: DECAY_KIND, everySeconds: 86_400 }];
