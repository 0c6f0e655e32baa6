import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import { unreadMessagesSum } from "../messages/unread.ts";
import { unreadNotificationsCount } from "./unread.ts";

export interface BadgeCounts {
  notifications: number;
  messages: number;
}

/** Both navigation badges in one statement: on every signed-in page, and on every live update. */
const badgesQuery = prepared(1, (db: Kysely<Database>, accountId: string) =>
  db.selectNoFrom((eb) => [
    unreadNotificationsCount(eb, accountId).as("notifications"),
    unreadMessagesSum(eb, accountId).as("messages"),
  ]),
);

/** Both counts, exactly as they are now (the live updates compare them from one poll to the next). */
export async function badgeCounts(db: Kysely<Database>, accountId: string): Promise<BadgeCounts> {
  const [row] = await badgesQuery(db, accountId);
  return { notifications: Number(row?.notifications ?? 0), messages: Number(row?.messages ?? 0) };
}

/**
 * The counts of the last seconds, per account, for the navigation of each page: a member going from
 * page to page costs no query for them. Whatever changes an account's counts in this process forgets
 * them at once (`forgetBadges`); another process shows the change within TTL_MS (and live pages get it
 * pushed).
 */
const TTL_MS = 2000;
const MAX_ENTRIES = 10_000;
const recent = new Map<string, { counts: BadgeCounts; until: number }>();

export async function recentBadgeCounts(db: Kysely<Database>, accountId: string): Promise<BadgeCounts> {
  const now = Date.now();
  const cached = recent.get(accountId);
  if (cached && now < cached.until) return cached.counts;
  const counts = await badgeCounts(db, accountId);
  if (recent.size >= MAX_ENTRIES) recent.clear();
  recent.set(accountId, { counts, until: now + TTL_MS });
  return counts;
}

/** The accounts' counts changed (a notification, a message, something read): ask again next time. */
export function forgetBadges(accountIds: string | readonly string[]): void {
  for (const id of typeof accountIds === "string" ? [accountIds] : accountIds) recent.delete(id);
}
