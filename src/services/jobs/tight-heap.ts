import { setFlagsFromString } from "node:v8";
import type { JobHandler } from "./handlers.ts";

let running = 0;

/**
 * Runs bulk work (an import, the recompute of thousands of ties, an export) with a tight heap. Such
 * work allocates hundreds of megabytes of short-lived rows, and V8 lets the old generation grow to
 * several times what is live before it collects, so the process's memory would follow the size of the
 * work although what it keeps does not. While bulk work runs, the heap may grow by its live size at
 * most (heap-growing-percent=100): memory stays flat, for the same time (bench/imports.ts measures
 * both). Only then: for the whole server, collecting that often costs requests about a tenth of
 * their throughput (measured on /health).
 */
export async function withTightHeap<T>(work: () => Promise<T>): Promise<T> {
  if (running++ === 0) setFlagsFromString("--heap-growing-percent=100");
  try {
    return await work();
  } finally {
    // 0: V8's own growing factor again.
    if (--running === 0) setFlagsFromString("--heap-growing-percent=0");
  }
}

/** A job handler whose work is bulk work (see withTightHeap). */
export const bulkJob =
  (handler: JobHandler): JobHandler =>
  (deps, payload) =>
    withTightHeap(() => handler(deps, payload));
