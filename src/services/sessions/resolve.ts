import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import type { Deps, Viewer } from "../deps.ts";
import { addSeconds } from "../deps.ts";
import { hashToken } from "../security/tokens.ts";
import { cachedSession, rememberSession } from "./cache.ts";
import { SESSION_LIFETIME_SECONDS } from "./create.ts";

/** How stale "last seen" may get before a request refreshes it (avoids a write per request). */
const TOUCH_AFTER_MS = 10 * 60 * 1000;

/** On every signed-in request: compiled once, run with the token's hash. */
const sessionByTokenHash = prepared(1, (db: Kysely<Database>, tokenHash: string) =>
  db
    .selectFrom("sessions as s")
    .innerJoin("accounts as a", "a.actor_id", "s.account_id")
    .innerJoin("actors as p", "p.id", "s.account_id")
    .select([
      "s.id",
      "s.last_seen_at",
      "s.expires_at",
      "a.actor_id",
      "a.role",
      "a.locale",
      "a.time_zone",
      "p.handle",
      "p.display_name",
    ])
    .where("s.token_hash", "=", tokenHash),
);

/** The viewer behind a session cookie, or null when the token is unknown or expired. */
export async function resolveSession(
  deps: Pick<Deps, "db" | "clock">,
  token: string,
): Promise<Viewer | null> {
  return recentSession(deps, token) ?? (await lookUpSession(deps, token));
}

/**
 * The viewer behind a token looked up in the last seconds, synchronously (a signed-in request then
 * costs no query and no promise for "who is this?"), or null when the database must be asked.
 * Keyed by the token itself: a hit costs no hashing (the map lives in this process only).
 */
export function recentSession(deps: Pick<Deps, "db" | "clock">, token: string): Viewer | null {
  return cachedSession(deps.db, token, deps.clock.now().getTime());
}

async function lookUpSession(deps: Pick<Deps, "db" | "clock">, token: string): Promise<Viewer | null> {
  const now = deps.clock.now();
  const [row] = await sessionByTokenHash(deps.db, hashToken(token));
  if (!row || row.expires_at <= now.toISOString()) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_AFTER_MS) {
    // Sliding expiry: an active session stays open; an idle one ends after its lifetime.
    await deps.db
      .updateTable("sessions")
      .set({ last_seen_at: now.toISOString(), expires_at: addSeconds(now, SESSION_LIFETIME_SECONDS) })
      .where("id", "=", row.id)
      .execute();
  }
  const viewer: Viewer = {
    accountId: row.actor_id,
    sessionId: row.id,
    handle: row.handle,
    displayName: row.display_name,
    role: row.role,
    locale: row.locale,
    timeZone: row.time_zone,
  };
  rememberSession(deps.db, token, viewer, row.expires_at, now);
  return viewer;
}
