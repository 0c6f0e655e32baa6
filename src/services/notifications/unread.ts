import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";

/** Unread notifications, for the navigation badge (partial index notifications_unread). */
const unreadQuery = prepared(1, (db: Kysely<Database>, accountId: string) =>
  db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("recipient_id", "=", accountId)
    .where("read_at", "is", null),
);

export async function unreadNotificationCount(db: Kysely<Database>, accountId: string): Promise<number> {
  const [row] = await unreadQuery(db, accountId);
  return Number(row?.n ?? 0);
}
