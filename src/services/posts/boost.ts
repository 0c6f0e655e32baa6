import { Conflict } from "../../domain/errors.ts";
import { canBoost } from "../../domain/posts/visibility.ts";
import type { Deps, Viewer } from "../deps.ts";
import { enqueueFanout } from "../timelines/fanout.ts";
import { acknowledgeToAuthor, moveCount } from "./acknowledge.ts";
import { livePost, visiblePost } from "./visible.ts";

/** Boosts a public post (shares it with the booster's own audience): ledger fact and notification. */
export async function boost(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  viewer: Viewer,
  postId: string,
): Promise<void> {
  const post = await livePost(deps.db, viewer.accountId, postId);
  if (!canBoost(post) || post.event_id) throw new Conflict("error.post.notBoostable");
  const at = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto("boosts")
      .values({ id: deps.newId(), post_id: postId, actor_id: viewer.accountId, created_at: at.toISOString() })
      .onConflict((oc) => oc.columns(["post_id", "actor_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await enqueueFanout({ ...deps, db: tx }, { postId, boosterId: viewer.accountId });
    await moveCount(tx, postId, "boost_count", 1);
    await acknowledgeToAuthor({ ...deps, db: tx }, viewer, post, "boost", at);
  });
}

export async function unboost(deps: Pick<Deps, "db">, viewer: Viewer, postId: string): Promise<void> {
  await visiblePost(deps.db, viewer.accountId, postId);
  await deps.db.transaction().execute(async (tx) => {
    const removed = await tx
      .deleteFrom("boosts")
      .where("post_id", "=", postId)
      .where("actor_id", "=", viewer.accountId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return;
    await moveCount(tx, postId, "boost_count", -1);
  });
}
