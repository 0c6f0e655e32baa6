import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

/** Ids per statement (bound parameters), and owners per removal. */
const IDS_PER_STATEMENT = 500;

/**
 * Takes these posts' entries out of the stored home timelines: a thread root's own entry (which only
 * its author's audience can hold) and its boosts' (which only each booster's audience can hold). A
 * timeline fills from its owner's follows and connections and the owner's own posts (`loadSources`),
 * so the people who may hold an entry are its bringer, their followers and the people connected with
 * them: one lookup by the table's key each, the owners named in each statement (a list the planner
 * reads by key on both engines). Call it in the transaction that deletes the posts, before the delete
 * takes the boosts with it. Removals move the timelines' versions (a trigger), so pages kept for their
 * owners are drawn again at once.
 */
export async function forgetPosts(db: Kysely<Database>, postIds: readonly string[]): Promise<void> {
  const entries: { entryId: string; bringer: string }[] = [];
  for (let i = 0; i < postIds.length; i += IDS_PER_STATEMENT) {
    const ids = postIds.slice(i, i + IDS_PER_STATEMENT);
    entries.push(
      ...(await db
        .selectFrom("posts")
        .select(["id as entryId", "author_id as bringer"])
        .where("id", "in", ids)
        .where("parent_id", "is", null)
        .unionAll(
          db
            .selectFrom("boosts")
            .select(["id as entryId", "actor_id as bringer"])
            .where("post_id", "in", ids),
        )
        .execute()),
    );
  }
  for (const { entryId, bringer } of entries) {
    const audience = await db
      .selectFrom("follows")
      .select("follower_id as id")
      .where("followee_id", "=", bringer)
      .union(db.selectFrom("connections").select("owner_id as id").where("other_id", "=", bringer))
      .execute();
    const owners = [bringer, ...audience.map((r) => r.id)];
    for (let i = 0; i < owners.length; i += IDS_PER_STATEMENT)
      await db
        .deleteFrom("home_timeline")
        .where("owner_id", "in", owners.slice(i, i + IDS_PER_STATEMENT))
        .where("entry_id", "=", entryId)
        .execute();
  }
}
