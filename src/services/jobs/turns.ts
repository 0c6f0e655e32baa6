import { setTimeout as sleep, setImmediate as yieldToRequests } from "node:timers/promises";
import { isSqlite } from "../../db/engine.ts";
import { LOCK_RETRY_MS } from "../../db/sqlite.ts";
import type { Deps } from "../deps.ts";

/**
 * In a separate worker on SQLite, a job's transactions are short, and the worker leaves the lock free
 * between two for longer than a write of the web process waits between two tries (LOCK_RETRY_MS, on
 * a timer that may fire late): any write that found the lock taken gets it at its next try.
 */
const SHARED_PAUSE_MS = 2 * LOCK_RETRY_MS + 1;

export type TurnDeps = Pick<Deps, "db"> & { config?: Pick<Deps["config"], "worker"> };

/** Whether other processes' writes wait for this one's transactions: a separate worker on SQLite. */
export function sharesTheLock(deps: TurnDeps): boolean {
  return deps.config?.worker === "separate" && isSqlite(deps.db);
}

/**
 * What a long job does between two of its transactions. With jobs inline, requests wait on the event
 * loop: a yield lets them run. In a separate worker on SQLite, a yield is far too short for the web
 * process's writes to get the lock (a post waited up to a second): the worker leaves it free long
 * enough for any of them to get it (SHARED_PAUSE_MS).
 */
export async function betweenTransactions(deps: TurnDeps): Promise<void> {
  if (sharesTheLock(deps)) await sleep(SHARED_PAUSE_MS);
  else await yieldToRequests();
}
