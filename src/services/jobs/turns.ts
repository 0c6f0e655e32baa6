import { setTimeout as sleep, setImmediate as yieldToRequests } from "node:timers/promises";
import { isSqlite } from "../../db/engine.ts";
import { LOCK_HANDOVER_MS } from "../../db/sqlite.ts";
import type { Deps } from "../deps.ts";

export type TurnDeps = Pick<Deps, "db"> & { config?: Pick<Deps["config"], "worker"> };

/** Whether other processes' writes wait for this one's transactions: a separate worker on SQLite. */
function sharesTheLock(deps: TurnDeps): boolean {
  return deps.config?.worker === "separate" && isSqlite(deps.db);
}

/**
 * How long one transaction of a long job (a fan-out, the trim) may run, its commit included. The SQLite
 * driver blocks the process while a statement runs, and a transaction holds the one writer's lock: with
 * jobs inline, requests wait for the end of a transaction; with a separate worker, their writes do.
 * Between two, they get their turn (`betweenTransactions`).
 * Measured on the generated network (a poster with 10,000 followers, bench/timelines.ts): fan-out
 * transactions of 2,000 rows gave posting p50 273 ms / p99 812 ms; of 100 rows, p50 23 ms / p99 80 ms.
 */
const SLICE_MS = 3;
/** In a separate worker on SQLite, shorter still: the web process's writes wait for the lock. */
const SHARED_SLICE_MS = 1;

/** The length of a long job's transactions, in ms (SLICE_MS, or SHARED_SLICE_MS beside a worker). */
export function transactionSlice(deps: TurnDeps): number {
  return sharesTheLock(deps) ? SHARED_SLICE_MS : SLICE_MS;
}

/**
 * What a long job does between two of its transactions. With jobs inline, requests wait on the event
 * loop: a yield lets them run. In a separate worker on SQLite, a yield is far too short for the web
 * process's writes to get the lock (a post waited up to a second): the worker leaves it free long
 * enough for any of them to get it (LOCK_HANDOVER_MS).
 */
export async function betweenTransactions(deps: TurnDeps): Promise<void> {
  if (sharesTheLock(deps)) await sleep(LOCK_HANDOVER_MS);
  else await yieldToRequests();
}
