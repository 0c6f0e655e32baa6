import { getLogger } from "@logtape/logtape";
import type { Deps } from "../deps.ts";
import { batchJobHandlers, jobHandlers, recurringJobs } from "./handlers.ts";
import { onEnqueue } from "./queue.ts";
import { hasDueJobs, type JobRegistry, type KindFilter, runDueJobs, scheduleRecurring } from "./runner.ts";
import type { JobThread } from "./thread.ts";

const log = getLogger(["liens", "jobs"]);

/** Every area's jobs. */
export const allJobs: JobRegistry = {
  handlers: jobHandlers,
  batches: batchJobHandlers,
  recurring: recurringJobs,
};

/** Runs every job due now, including those the jobs themselves enqueue (tests, CLI). */
export async function drainJobs(deps: Deps, registry = allJobs): Promise<number> {
  let total = 0;
  for (let round = 0; round < 10_000; round++) {
    const ran = await runDueJobs(deps, registry, { limit: 100 });
    if (ran === 0) return total;
    total += ran;
  }
  throw new Error("drainJobs: jobs keep enqueuing due jobs");
}

export interface Worker {
  stop(): Promise<void>;
}

export interface WorkerOptions {
  pollMs?: number;
  batch?: number;
  registry?: JobRegistry;
  /** A thread that runs some kinds of jobs: this loop leaves them to it and wakes it when one is due. */
  thread?: JobThread;
}

/**
 * Runs jobs until stopped: in the web process in the embedded setup, or in `liens worker`. It wakes
 * when a job is enqueued in this process, and polls for the rest (other processes, retries, timers).
 * With a `thread`, the loop's first query after an enqueue (which waits for the enqueuing transaction
 * to end: one connection) tells whether a job of the thread's is due, and wakes it: the thread's own
 * connection sees the job only once it is committed.
 */
export function startWorker(deps: Deps, options: WorkerOptions = {}): Worker {
  const { thread, registry = allJobs } = options;
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
      await scheduleRecurring(deps, registry);
    } catch (error) {
      log.error("Could not schedule recurring jobs: {error}", { error });
    }
    while (!stopped) {
      try {
        let kinds: KindFilter | undefined;
        if (thread?.available()) {
          kinds = { except: thread.kinds };
          if (await hasDueJobs(deps, { only: thread.kinds })) thread.wake();
        }
        const ran = await runDueJobs(deps, registry, {
          limit: options.batch ?? 20,
          ...(kinds ? { kinds } : {}),
        });
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
      await thread?.stop();
    },
  };
}
