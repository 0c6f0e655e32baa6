import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Viewer } from "../deps.ts";

/**
 * The last few seconds' session lookups, per database. A signed-in page view then costs no query for
 * "who is this?". Every verb that ends a session or changes what a Viewer holds forgets the account at
 * once in this process; another process sees the change within TTL_MS.
 */
const TTL_MS = 2000;
const MAX_ENTRIES = 10_000;

interface Entry {
  viewer: Viewer;
  /** When the entry stops being usable: TTL_MS after caching, or the session's end if sooner. */
  usableUntil: number;
}

const caches = new WeakMap<Kysely<Database>, Map<string, Entry>>();

function cacheOf(db: Kysely<Database>): Map<string, Entry> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/** The viewer cached for this token, if still usable at `nowMs` (a Map read: no allocation, no query). */
export function cachedSession(db: Kysely<Database>, token: string, nowMs: number): Viewer | null {
  const cache = cacheOf(db);
  const entry = cache.get(token);
  if (!entry) return null;
  if (nowMs >= entry.usableUntil) {
    cache.delete(token);
    return null;
  }
  return entry.viewer;
}

export function rememberSession(
  db: Kysely<Database>,
  token: string,
  viewer: Viewer,
  expiresAt: string,
  now: Date,
): void {
  const cache = cacheOf(db);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(token, { viewer, usableUntil: Math.min(now.getTime() + TTL_MS, Date.parse(expiresAt)) });
}

/** Drops every cached session of an account (sign-out, revocation, new password, new preferences). */
export function forgetAccountSessions(db: Kysely<Database>, accountId: string): void {
  const cache = caches.get(db);
  if (!cache) return;
  for (const [key, entry] of cache) if (entry.viewer.accountId === accountId) cache.delete(key);
}
