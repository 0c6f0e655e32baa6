import { setTimeout as sleep, setImmediate as yieldToRequests } from "node:timers/promises";
import { isSqlite } from "../../db/engine.ts";
import { LOCK_HANDOVER_MS } from "../../db/sqlite.ts";
import type { Deps } from "../deps.ts";

export type TurnDeps = Pick<Deps, "db"> & { config?: Pick<Deps["config"], "worker"> };

/** Whether other processes' writes wait for this one's transactions: a separate worker on SQLite. */
export function sharesTheLock(deps: TurnDeps): boolean {
  return deps.config?.worker === "separate" && isSqlite(deps.db);
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
