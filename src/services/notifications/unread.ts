import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

/** Unread notifications, for the navigation badge (partial index notifications_unread). */
export async function unreadNotificationCount(db: Kysely<Database>, accountId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("recipient_id", "=", accountId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
