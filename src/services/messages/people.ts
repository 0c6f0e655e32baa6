import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

export interface Person {
  id: string;
  handle: string;
  displayName: string;
  avatarKey: string | null;
}

/** The members of several conversations at once (one query), keyed by conversation. */
export async function membersOf(
  db: Kysely<Database>,
  conversationIds: string[],
  options: { except?: string } = {},
): Promise<Map<string, Person[]>> {
  const byConversation = new Map<string, Person[]>(conversationIds.map((id) => [id, []]));
  if (conversationIds.length === 0) return byConversation;
  let query = db
    .selectFrom("conversation_members as m")
    .innerJoin("actors as a", "a.id", "m.account_id")
    .select(["m.conversation_id", "a.id", "a.handle", "a.display_name", "a.avatar_key"])
    .where("m.conversation_id", "in", conversationIds)
    .where("m.state", "!=", "left")
    .orderBy("m.joined_at")
    .orderBy("a.handle");
  if (options.except) query = query.where("m.account_id", "!=", options.except);
  for (const row of await query.execute()) {
    byConversation.get(row.conversation_id)?.push({
      id: row.id,
      handle: row.handle,
      displayName: row.display_name,
      avatarKey: row.avatar_key,
    });
  }
  return byConversation;
}
