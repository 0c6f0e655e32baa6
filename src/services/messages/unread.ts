import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import { BADGE_CAP } from "../notifications/unread.ts";
import { hiddenRequest } from "./visibility.ts";

/**
 * Unread messages across the inbox and the visible message requests, for the navigation badge: the
 * account's conversations with something unread (partial index conversation_members_unread), up to
 * BADGE_CAP of them, so a page costs the same however many conversations the account has.
 */
const unreadQuery = prepared(1, (db: Kysely<Database>, accountId: string) =>
  db
    .selectFrom((eb) =>
      eb
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
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("u.unread_count"), eb.lit(0)).as("unread")),
);

/** How many unread messages (counted over at most BADGE_CAP conversations). */
export async function unreadMessageCount(db: Kysely<Database>, accountId: string): Promise<number> {
  const [row] = await unreadQuery(db, accountId);
  return Number(row?.unread ?? 0);
}
