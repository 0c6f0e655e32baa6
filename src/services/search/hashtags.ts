import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { whereVisibleTo } from "../posts/visible.ts";

export const TAGS_LIMIT = 10;

/**
 * Hashtags starting with the query's words (joined, as hashtags are written), each one index seek on
 * post_hashtags, kept only when the viewer may see at least one post carrying it.
 */
export async function searchHashtags(
  db: Kysely<Database>,
  viewerId: string | null,
  terms: string[],
  limit = TAGS_LIMIT,
): Promise<string[]> {
  if (terms.length === 0) return [];
  const prefix = terms.join("");
  const end = `${prefix}\u{10FFFF}`;
  const tags: string[] = [];
  let after: string | null = null;
  for (let seeks = 0; tags.length < limit && seeks < limit * 3; seeks++) {
    let query = db.selectFrom("post_hashtags").select("tag").where("tag", "<", end);
    query = after === null ? query.where("tag", ">=", prefix) : query.where("tag", ">", after);
    const row = await query.orderBy("tag").limit(1).executeTakeFirst();
    if (!row) break;
    after = row.tag;
    const visible = await db
      .selectFrom("post_hashtags as h")
      .innerJoin("posts as p", "p.id", "h.post_id")
      .select("h.post_id")
      .where("h.tag", "=", row.tag)
      .where(whereVisibleTo(viewerId, "p"))
      .limit(1)
      .executeTakeFirst();
    if (visible) tags.push(row.tag);
  }
  return tags;
}
