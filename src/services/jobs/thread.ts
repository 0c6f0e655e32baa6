import { Worker } from "node:worker_threads";
import { getLogger } from "@logtape/logtape";
import type { Deps } from "../deps.ts";
import { type JobRegistry, runDueJobs } from "./runner.ts";

const log = getLogger(["liens", "jobs"]);

/** The slots of the state a thread shares with the process (an Int32Array). */
const WAKE = 0;
const STOP = 1;

/** A thread with no job for this long ends; the next job of its kinds starts another. */
export const THREAD_IDLE_MS = 30_000;
/** How often a thread looks for due jobs by itself (retries, jobs of other processes). */
const THREAD_POLL_MS = 1000;
/** After a thread failed, its kinds run on the process's event loop for this long. */
const FALLBACK_MS = 60_000;

/** What the process passes to the thread, beside what its entry needs (`workerData.control`). */
export interface JobThreadControl {
  state: SharedArrayBuffer;
  idleMs: number;
  pollMs: number;
}

/**
 * Jobs of some kinds run in a thread of their own, with its own connection to the database: their
 * work (thousands of rows written, and the garbage it makes) then never holds the process's event
 * loop, nor fills its heap, while it answers requests. The thread starts when the first such job is
 * due and ends after THREAD_IDLE_MS without one, so that an idle process carries no second heap.
 */
export interface JobThread {
  readonly kinds: readonly string[];
  /** False for a while after the thread failed: its kinds then run on the event loop. */
  available(): boolean;
  /** Tells the thread a job of its kinds is due, starting it if none runs. */
  wake(): void;
  /** Whether a thread runs now. */
  running(): boolean;
  stop(): Promise<void>;
}

export interface JobThreadOptions {
  /** The module the thread runs (src/jobs-thread.ts), which calls `runJobsInThread`. */
  entry: URL;
  kinds: readonly string[];
  /** Passed to the entry as `workerData`, with `control` added. */
  workerData: object;
  idleMs?: number;
  pollMs?: number;
}

export function startJobThread(options: JobThreadOptions): JobThread {
  let current: { worker: Worker; state: Int32Array; exited: Promise<void> } | null = null;
  let failedAt = Number.NEGATIVE_INFINITY;
  let stopped = false;

  const start = () => {
    const state = new Int32Array(new SharedArrayBuffer(2 * 4));
    const control: JobThreadControl = {
      state: state.buffer as SharedArrayBuffer,
      idleMs: options.idleMs ?? THREAD_IDLE_MS,
      pollMs: options.pollMs ?? THREAD_POLL_MS,
    };
    const worker = new Worker(options.entry, { workerData: { ...options.workerData, control } });
    // It never keeps the process alive by itself; a job cut short is retried after its lease.
    worker.unref();
    worker.on("error", (error) => {
      failedAt = performance.now();
      log.error("The jobs thread failed; its jobs run on the event loop for a while: {error}", { error });
    });
    const exited = new Promise<void>((resolve) =>
      worker.once("exit", () => {
        if (current?.worker === worker) current = null;
        resolve();
      }),
    );
    current = { worker, state, exited };
  };

  return {
    kinds: options.kinds,
    available: () => !stopped && performance.now() - failedAt >= FALLBACK_MS,
    running: () => current !== null,
    wake() {
      if (stopped) return;
      if (!current) start();
      else {
        Atomics.store(current.state, WAKE, 1);
        Atomics.notify(current.state, WAKE);
      }
    },
    async stop() {
      stopped = true;
      if (!current) return;
      const { worker, state, exited } = current;
      // Held by the process until the thread has finished its job and closed its connection.
      worker.ref();
      Atomics.store(state, STOP, 1);
      Atomics.store(state, WAKE, 1);
      Atomics.notify(state, WAKE);
      await exited;
    },
  };
}

/**
 * The thread's side: runs the due jobs of `registry`'s kinds until told to stop, or until none came
 * for `control.idleMs`. Between two rounds it sleeps (the thread has nothing else to do) until woken
 * or for `control.pollMs`.
 */
export async function runJobsInThread(
  deps: Deps,
  registry: JobRegistry,
  control: JobThreadControl,
): Promise<void> {
  const state = new Int32Array(control.state);
  const kinds = { only: Object.keys(registry.handlers) };
  log.info("A jobs thread runs {kinds}", { kinds: kinds.only });
  let lastJob = performance.now();
  while (Atomics.load(state, STOP) === 0) {
    let ran = 0;
    try {
      ran = await runDueJobs(deps, registry, { kinds });
    } catch (error) {
      log.error("The jobs thread's runner failed: {error}", { error });
    }
    if (ran > 0) {
      lastJob = performance.now();
      continue;
    }
    if (performance.now() - lastJob >= control.idleMs) return;
    Atomics.wait(state, WAKE, 0, control.pollMs);
    Atomics.store(state, WAKE, 0);
  }
}
