import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

/** True when either person blocked the other: then nothing passes between them. */
export async function isBlockedEitherWay(db: Kysely<Database>, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom("blocks")
    .select("owner_id")
    .where((eb) =>
      eb.or([
        eb.and([eb("owner_id", "=", a), eb("target_id", "=", b)]),
        eb.and([eb("owner_id", "=", b), eb("target_id", "=", a)]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

export async function areConnected(db: Kysely<Database>, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom("connections")
    .select("owner_id")
    .where("owner_id", "=", a)
    .where("other_id", "=", b)
    .executeTakeFirst();
  return row !== undefined;
}

/** True when `followerId` follows `followeeId` (accepted). */
export async function isFollowing(
  db: Kysely<Database>,
  followerId: string,
  followeeId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("follows")
    .select("id")
    .where("follower_id", "=", followerId)
    .where("followee_id", "=", followeeId)
    .where("status", "=", "accepted")
    .executeTakeFirst();
  return row !== undefined;
}
