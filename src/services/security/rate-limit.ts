import { sql } from "kysely";
import { TooManyRequests } from "../../domain/errors.ts";
import type { Deps } from "../deps.ts";

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

/**
 * Fixed-window counter kept in the database, so every process of an instance shares it.
 * Throws TooManyRequests once `max` hits are already counted in the current window.
 */
export async function assertUnderLimit(deps: Pick<Deps, "db" | "clock">, limit: Limit): Promise<void> {
  const row = await deps.db
    .selectFrom("rate_limits")
    .select(["window_start", "hits"])
    .where("key", "=", limit.key)
    .executeTakeFirst();
  if (!row) return;
  const ends = Date.parse(row.window_start) + limit.windowSeconds * 1000;
  const now = deps.clock.now().getTime();
  if (now < ends && row.hits >= limit.max) throw new TooManyRequests(Math.ceil((ends - now) / 1000));
}

/** Counts one hit (a failed sign-in, say), starting a new window when the old one has ended. */
export async function countHit(deps: Pick<Deps, "db" | "clock">, limit: Limit): Promise<void> {
  const now = deps.clock.now();
  const windowStartedBefore = new Date(now.getTime() - limit.windowSeconds * 1000).toISOString();
  await deps.db
    .insertInto("rate_limits")
    .values({ key: limit.key, window_start: now.toISOString(), hits: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        hits: sql`case when rate_limits.window_start <= ${windowStartedBefore} then 1 else rate_limits.hits + 1 end`,
        window_start: sql`case when rate_limits.window_start <= ${windowStartedBefore} then ${now.toISOString()} else rate_limits.window_start end`,
      }),
    )
    .execute();
}

export async function clearHits(deps: Pick<Deps, "db">, key: string): Promise<void> {
  await deps.db.deleteFrom("rate_limits").where("key", "=", key).execute();
}
