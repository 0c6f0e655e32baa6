import { setImmediate as yieldToRequests } from "node:timers/promises";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

/** Ids per read (bound parameters). */
const IDS_PER_READ = 500;
/**
 * Timelines per removal statement: each removal is a leaf of its own in a large table, and moves the
 * timeline's version. A post fanned out to 10,000 people took 0.4 to 0.5 s to take out in one go on the
 * bench network, the process held all along; a hundred at a time hold it a few milliseconds each.
 */
const OWNERS_PER_REMOVAL = 100;

/** An entry to take out of home timelines, and who brought it there (the author, or a booster). */
export interface BroughtEntry {
  entryId: string;
  bringer: string;
}

/**
 * The home-timeline entries of these posts: a thread root's own, and its boosts'. Read them in the
 * transaction that deletes the posts, before the delete takes the boosts with it.
 */
export async function entriesOfPosts(
  db: Kysely<Database>,
  postIds: readonly string[],
): Promise<BroughtEntry[]> {
  const entries: BroughtEntry[] = [];
  for (let i = 0; i < postIds.length; i += IDS_PER_READ) {
    const ids = postIds.slice(i, i + IDS_PER_READ);
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
  return entries;
}

/**
 * Takes these entries out of the stored home timelines. An entry can only be in the timeline of its
 * bringer, of their followers and of the people connected with them (a timeline fills from its owner's
 * follows and connections and own posts, `loadSources`): one lookup by the table's key each, the
 * owners named in each statement (a list both engines' planners read by key). Removals move the
 * timelines' versions (a trigger), so pages kept for their owners are drawn again.
 * Run it once the posts are deleted: each statement is a transaction of its own and requests get
 * their turn between two. An entry it has not reached yet shows nowhere (pages leave out, and drop,
 * entries whose post is gone).
 */
export async function forgetEntries(db: Kysely<Database>, entries: readonly BroughtEntry[]): Promise<void> {
  for (const { entryId, bringer } of entries) {
    const audience = await db
      .selectFrom("follows")
      .select("follower_id as id")
      .where("followee_id", "=", bringer)
      .union(db.selectFrom("connections").select("owner_id as id").where("other_id", "=", bringer))
      .execute();
    const owners = [bringer, ...audience.map((r) => r.id)];
    for (let i = 0; i < owners.length; i += OWNERS_PER_REMOVAL) {
      if (i > 0) await yieldToRequests();
      await db
        .deleteFrom("home_timeline")
        .where("owner_id", "in", owners.slice(i, i + OWNERS_PER_REMOVAL))
        .where("entry_id", "=", entryId)
        .execute();
    }
  }
}
