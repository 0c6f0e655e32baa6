import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import { hiddenRequest } from "./visibility.ts";

/**
 * Unread messages across the inbox and the visible message requests, for the navigation badge. One
 * indexed query over the account's own membership rows.
 */
const unreadQuery = prepared(1, (db: Kysely<Database>, accountId: string) =>
  db
    .selectFrom("conversation_members as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("m.unread_count"), eb.lit(0)).as("unread"))
    .where("m.account_id", "=", accountId)
    .where("m.unread_count", ">", 0)
    .where((eb) =>
      eb.or([
        eb("m.state", "=", "active"),
        eb.and([eb("m.state", "=", "request"), eb.not(hiddenRequest(eb, accountId))]),
      ]),
    ),
);

export async function unreadMessageCount(db: Kysely<Database>, accountId: string): Promise<number> {
  const [row] = await unreadQuery(db, accountId);
  return Number(row?.unread ?? 0);
}
