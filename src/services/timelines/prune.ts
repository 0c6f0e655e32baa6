import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

/**
 * Takes out of `ownerId`'s stored home timeline the entries `sourceId` brought (their posts, their
 * boosts), unless the owner still follows or is connected with them and does not mute them. Call it
 * in the transaction that ends a follow or a connection, or adds a mute or a block: a timeline then
 * never holds what its owner no longer receives, and reading a page is one index range, with no
 * check per entry.
 */
export async function forgetBroughtBy(
  db: Kysely<Database>,
  ownerId: string,
  sourceId: string,
): Promise<void> {
  const [muted, follows, connected] = await Promise.all([
    db
      .selectFrom("mutes")
      .select("owner_id")
      .where("owner_id", "=", ownerId)
      .where("target_id", "=", sourceId)
      .executeTakeFirst(),
    db
      .selectFrom("follows")
      .select("id")
      .where("follower_id", "=", ownerId)
      .where("followee_id", "=", sourceId)
      .where("status", "=", "accepted")
      .executeTakeFirst(),
    db
      .selectFrom("connections")
      .select("owner_id")
      .where("owner_id", "=", ownerId)
      .where("other_id", "=", sourceId)
      .executeTakeFirst(),
  ]);
  if (!muted && (follows || connected)) return;
  await db
    .deleteFrom("home_timeline")
    .where("owner_id", "=", ownerId)
    .where("source_id", "=", sourceId)
    .execute();
}
