import { Invalid } from "../../domain/errors.ts";
import { isReaction } from "../../domain/posts/reactions.ts";
import type { Deps, Viewer } from "../deps.ts";
import { acknowledgeToAuthor, moveCount } from "./acknowledge.ts";
import { livePost, visiblePost } from "./visible.ts";

/**
 * Reacts to a post the viewer can see (one reaction per person: another emoji replaces it, the same
 * one again takes it back when `toggle` is set, as the reaction buttons do). A first
 * reaction writes a "reaction" fact to both ledgers and notifies the author; a change does neither.
 */
export async function react(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  viewer: Viewer,
  postId: string,
  reaction: string,
  options: { toggle?: boolean } = {},
): Promise<void> {
  if (!isReaction(reaction)) throw Invalid.field("reaction", "error.post.reaction");
  const post = await livePost(deps.db, viewer.accountId, postId);
  const at = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom("reactions")
      .select("emoji")
      .where("post_id", "=", postId)
      .where("actor_id", "=", viewer.accountId)
      .executeTakeFirst();
    if (existing) {
      if (existing.emoji === reaction && options.toggle) {
        await tx
          .deleteFrom("reactions")
          .where("post_id", "=", postId)
          .where("actor_id", "=", viewer.accountId)
          .execute();
        await moveCount(tx, postId, "reaction_count", -1);
      } else if (existing.emoji !== reaction) {
        await tx
          .updateTable("reactions")
          .set({ emoji: reaction })
          .where("post_id", "=", postId)
          .where("actor_id", "=", viewer.accountId)
          .execute();
      }
      return;
    }
    const inserted = await tx
      .insertInto("reactions")
      .values({ post_id: postId, actor_id: viewer.accountId, emoji: reaction, created_at: at.toISOString() })
      .onConflict((oc) => oc.columns(["post_id", "actor_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await moveCount(tx, postId, "reaction_count", 1);
    await acknowledgeToAuthor({ ...deps, db: tx }, viewer, post, "reaction", at);
  });
}

/** Takes the viewer's reaction back (the ledger keeps the fact: it happened). */
export async function unreact(deps: Pick<Deps, "db">, viewer: Viewer, postId: string): Promise<void> {
  await visiblePost(deps.db, viewer.accountId, postId);
  await deps.db.transaction().execute(async (tx) => {
    const removed = await tx
      .deleteFrom("reactions")
      .where("post_id", "=", postId)
      .where("actor_id", "=", viewer.accountId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return;
    await moveCount(tx, postId, "reaction_count", -1);
  });
}
