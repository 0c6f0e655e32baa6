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

export async function badgeCounts(db: Kysely<Database>, accountId: string): Promise<BadgeCounts> {
  const [row] = await badgesQuery(db, accountId);
  return { notifications: Number(row?.notifications ?? 0), messages: Number(row?.messages ?? 0) };
}
