import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";

/** The badge shows "99+" beyond this: counting further would read every unread row on every page. */
export const BADGE_CAP = 100;

/** Unread notifications up to BADGE_CAP, for the navigation badge (partial index notifications_unread). */
const unreadQuery = prepared(1, (db: Kysely<Database>, accountId: string) =>
  db
    .selectFrom((eb) =>
      eb
        .selectFrom("notifications")
        .select("id")
        .where("recipient_id", "=", accountId)
        .where("read_at", "is", null)
        .limit(BADGE_CAP)
        .as("u"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n")),
);

/** How many unread notifications, counted up to BADGE_CAP. */
export async function unreadNotificationCount(db: Kysely<Database>, accountId: string): Promise<number> {
  const [row] = await unreadQuery(db, accountId);
  return Number(row?.n ?? 0);
}
