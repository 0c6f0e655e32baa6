import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema.ts";

/** The badge shows "99+" beyond this: counting further would read every unread row on every page. */
export const BADGE_CAP = 100;

/** Unread notifications up to BADGE_CAP (partial index notifications_unread), as a scalar subquery. */
export function unreadNotificationsCount(eb: ExpressionBuilder<Database, never>, accountId: string) {
  return eb
    .selectFrom((sub) =>
      sub
        .selectFrom("notifications")
        .select("id")
        .where("recipient_id", "=", accountId)
        .where("read_at", "is", null)
        .limit(BADGE_CAP)
        .as("u"),
    )
    .select((sub) => sub.fn.countAll<number>().as("n"));
}
