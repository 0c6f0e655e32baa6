import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

export interface Standing {
  /** The person is connected to the sender or follows them: the sender's messages reach their inbox. */
  welcomesSender: boolean;
  /** Either blocked the other: nothing passes between them. */
  blocked: boolean;
}

/** How each recipient stands towards a sender, for any number of recipients in one query. */
export async function standingsTowards(
  db: Kysely<Database>,
  senderId: string,
  recipientIds: string[],
): Promise<Map<string, Standing>> {
  if (recipientIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("actors as a")
    .select((eb) => [
      "a.id",
      eb
        .exists(
          eb
            .selectFrom("connections")
            .select("owner_id")
            .whereRef("owner_id", "=", "a.id")
            .where("other_id", "=", senderId),
        )
        .as("connected"),
      eb
        .exists(
          eb
            .selectFrom("follows")
            .select("id")
            .whereRef("follower_id", "=", "a.id")
            .where("followee_id", "=", senderId)
            .where("status", "=", "accepted"),
        )
        .as("follows"),
      eb
        .exists(
          eb
            .selectFrom("blocks")
            .select("owner_id")
            .where((b) =>
              b.or([
                b.and([b("owner_id", "=", senderId), b("target_id", "=", b.ref("a.id"))]),
                b.and([b("owner_id", "=", b.ref("a.id")), b("target_id", "=", senderId)]),
              ]),
            ),
        )
        .as("blocked"),
    ])
    .where("a.id", "in", recipientIds)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      { welcomesSender: Boolean(row.connected) || Boolean(row.follows), blocked: Boolean(row.blocked) },
    ]),
  );
}
