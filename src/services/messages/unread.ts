import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema.ts";
import { BADGE_CAP } from "../notifications/unread.ts";
import { hiddenRequest } from "./visibility.ts";

/**
 * Unread messages across the inbox and the visible message requests, for the navigation badge, as a
 * scalar subquery: the account's conversations with something unread (partial index
 * conversation_members_unread), up to BADGE_CAP of them, so a page costs the same however many
 * conversations the account has.
 */
export function unreadMessagesSum(eb: ExpressionBuilder<Database, never>, accountId: string) {
  return eb
    .selectFrom((sub) =>
      sub
        .selectFrom("conversation_members as m")
        .innerJoin("conversations as c", "c.id", "m.conversation_id")
        .select("m.unread_count")
        .where("m.account_id", "=", accountId)
        .where("m.unread_count", ">", 0)
        .where((w) =>
          w.or([
            w("m.state", "=", "active"),
            w.and([w("m.state", "=", "request"), w.not(hiddenRequest(w, accountId))]),
          ]),
        )
        .limit(BADGE_CAP)
        .as("u"),
    )
    .select((sub) => sub.fn.coalesce(sub.fn.sum<number>("u.unread_count"), sub.lit(0)).as("unread"));
}
