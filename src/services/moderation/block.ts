import type { ExpressionBuilder, Kysely } from "kysely";
import { inList } from "../../db/in-list.ts";
import type { Database } from "../../db/schema.ts";
import type { PostsTable } from "../../db/schema-posts.ts";
import { Invalid } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { forgetBadges } from "../notifications/badges.ts";
import { forgetBroughtBy } from "../timelines/prune.ts";

/**
 * One person's boosts of and reactions to the other's posts and conversations, taken back with the
 * posts' counts: neither can see those posts any more to take them back themselves, and a boost would
 * go on showing the blocker's post to the other's followers in the other's name.
 */
async function dropBoostsAndReactions(tx: Kysely<Database>, actorId: string, ownerId: string): Promise<void> {
  const ofOwner = (eb: ExpressionBuilder<Database & { p: PostsTable }, "p">) =>
    eb.or([eb("p.author_id", "=", ownerId), eb("p.audience_id", "=", ownerId)]);
  const boosted = await tx
    .selectFrom("boosts as x")
    .innerJoin("posts as p", "p.id", "x.post_id")
    .select("x.post_id")
    .where("x.actor_id", "=", actorId)
    .where(ofOwner)
    .execute();
  const reacted = await tx
    .selectFrom("reactions as x")
    .innerJoin("posts as p", "p.id", "x.post_id")
    .select("x.post_id")
    .where("x.actor_id", "=", actorId)
    .where(ofOwner)
    .execute();
  for (const [table, column, rows] of [
    ["boosts", "boost_count", boosted],
    ["reactions", "reaction_count", reacted],
  ] as const) {
    if (rows.length === 0) continue;
    const ids = rows.map((r) => r.post_id);
    await tx
      .deleteFrom(table)
      .where("actor_id", "=", actorId)
      .where(inList(tx, "post_id", ids))
      .execute();
    await tx
      .updateTable("posts")
      .set((eb) => ({ [column]: eb(column, "-", 1) }))
      .where(inList(tx, "id", ids))
      .where(column, ">", 0)
      .execute();
  }
}

/**
 * Blocks someone: severs follows and the connection both ways, cancels pending requests both ways,
 * takes back each one's boosts of and reactions to the other's posts, and from then on each is hidden
 * from the other and nothing passes between them.
 */
export async function block(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  targetId: string,
): Promise<void> {
  const me = viewer.accountId;
  if (me === targetId) throw Invalid.field("", "error.block.self");
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto("blocks")
      .values({ owner_id: me, target_id: targetId, created_at: now })
      .onConflict((oc) => oc.columns(["owner_id", "target_id"]).doNothing())
      .execute();
    await tx
      .deleteFrom("follows")
      .where((eb) =>
        eb.or([
          eb.and([eb("follower_id", "=", me), eb("followee_id", "=", targetId)]),
          eb.and([eb("follower_id", "=", targetId), eb("followee_id", "=", me)]),
        ]),
      )
      .execute();
    await tx
      .deleteFrom("connections")
      .where((eb) =>
        eb.or([
          eb.and([eb("owner_id", "=", me), eb("other_id", "=", targetId)]),
          eb.and([eb("owner_id", "=", targetId), eb("other_id", "=", me)]),
        ]),
      )
      .execute();
    // One statement per direction (SQLite 3.53's planner fails on the OR over the partial index).
    for (const [sender, recipient] of [
      [me, targetId],
      [targetId, me],
    ] as const) {
      await tx
        .updateTable("connection_requests")
        .set({ status: "withdrawn", decided_at: now })
        .where("status", "in", ["pending", "ignored"])
        .where("sender_id", "=", sender)
        .where("recipient_id", "=", recipient)
        .execute();
    }
    await dropBoostsAndReactions(tx, me, targetId);
    await dropBoostsAndReactions(tx, targetId, me);
    await forgetBroughtBy(tx, me, targetId);
    await forgetBroughtBy(tx, targetId, me);
    // Their notifications to me go too: a block leaves no trace of them in my lists.
    await tx
      .deleteFrom("notifications")
      .where("recipient_id", "=", me)
      .where("actor_id", "=", targetId)
      .execute();
  });
  // Both badges change: hidden requests, and notifications gone.
  forgetBadges([me, targetId]);
}

export async function unblock(deps: Pick<Deps, "db">, viewer: Viewer, targetId: string): Promise<void> {
  await deps.db
    .deleteFrom("blocks")
    .where("owner_id", "=", viewer.accountId)
    .where("target_id", "=", targetId)
    .execute();
  forgetBadges([viewer.accountId, targetId]);
}
