import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Deps } from "../deps.ts";

export interface JobSpec {
  kind: string;
  /** Serialised as JSON; handlers validate it. */
  payload?: unknown;
  /** ISO time before which the job is not run; now by default. */
  runAt?: string;
  /** At most one pending job per key: a second `enqueue` with the same key is ignored. */
  key?: string;
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

type Enqueuer = Pick<Deps, "clock" | "newId"> & { db: Kysely<Database> };

const listeners = new Set<() => void>();

/** Lets an in-process runner wake up as soon as work arrives instead of at its next poll. */
export function onEnqueue(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Stores a job; pass a transaction's `db` to make the job part of that transaction (it then exists
 * only if the transaction commits). Returns whether a job was added (false: one with the key waits).
 */
export async function enqueue(deps: Enqueuer, spec: JobSpec): Promise<boolean> {
  const now = deps.clock.now().toISOString();
  const result = await deps.db
    .insertInto("jobs")
    .values({
      id: deps.newId(),
      kind: spec.kind,
      payload: JSON.stringify(spec.payload ?? {}),
      key: spec.key ?? null,
      status: "pending",
      run_at: spec.runAt ?? now,
      max_attempts: spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      created_at: now,
    })
    // A literal predicate, so that SQLite matches it to the partial unique index.
    .onConflict((oc) => oc.column("key").where(sql<boolean>`status = 'pending'`).doNothing())
    .executeTakeFirst();
  const added = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  if (added) for (const listener of listeners) listener();
  return added;
}
