import { Conflict, Invalid, NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { visiblePost } from "./visible.ts";

/**
 * Votes in a poll the viewer can see: once, before it closes, one choice unless it takes several, not
 * in one's own poll. Counts are kept in the same transaction, which first takes the poll's row: two
 * votes of one person at once (two tabs, a double click) are counted one after the other, so the second
 * finds the first and is refused, on PostgreSQL as on SQLite.
 */
export async function vote(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  postId: string,
  optionIds: string[],
): Promise<void> {
  const post = await visiblePost(deps.db, viewer.accountId, postId);
  const poll = await deps.db.selectFrom("polls").selectAll().where("post_id", "=", postId).executeTakeFirst();
  if (!poll) throw new NotFound();
  if (post.author_id === viewer.accountId) throw new Conflict("error.poll.own");
  const now = deps.clock.now().toISOString();
  if (poll.ends_at <= now) throw new Conflict("error.poll.ended");
  const chosen = [...new Set(optionIds)];
  if (chosen.length === 0) throw Invalid.field("option", "error.poll.choice");
  if (chosen.length > 1 && poll.multiple !== 1) throw Invalid.field("option", "error.poll.oneChoice");
  await deps.db.transaction().execute(async (tx) => {
    // Taken first (and undone with a refusal): another vote in this poll waits here until this one ends.
    await tx
      .updateTable("polls")
      .set((eb) => ({ voter_count: eb("voter_count", "+", 1) }))
      .where("post_id", "=", postId)
      .execute();
    const options = await tx
      .selectFrom("poll_options")
      .select("id")
      .where("post_id", "=", postId)
      .where("id", "in", chosen)
      .execute();
    if (options.length !== chosen.length) throw Invalid.field("option", "error.poll.choice");
    const already = await tx
      .selectFrom("poll_votes")
      .select("option_id")
      .where("post_id", "=", postId)
      .where("actor_id", "=", viewer.accountId)
      .executeTakeFirst();
    if (already) throw new Conflict("error.poll.alreadyVoted");
    await tx
      .insertInto("poll_votes")
      .values(
        chosen.map((option_id) => ({
          post_id: postId,
          option_id,
          actor_id: viewer.accountId,
          created_at: now,
        })),
      )
      .execute();
    await tx
      .updateTable("poll_options")
      .set((eb) => ({ vote_count: eb("vote_count", "+", 1) }))
      .where("id", "in", chosen)
      .execute();
  });
}
