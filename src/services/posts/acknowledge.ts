import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { Conflict } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { recordMutualFact } from "../ledger/record.ts";
import { notify } from "../notifications/notify.ts";

/**
 * A post's stored count of reactions or boosts, moved by one (never below zero). A count moves up only
 * on a post that is not a deleted comment's placeholder, or the caller's transaction is refused: the
 * row taken here is the one a deletion takes first (delete.ts), so a reaction or a boost racing the
 * deletion either lands before it (and goes with the rest) or finds the placeholder.
 */
export async function moveCount(
  tx: Kysely<Database>,
  postId: string,
  column: "reaction_count" | "boost_count",
  delta: 1 | -1,
): Promise<void> {
  const query = tx
    .updateTable("posts")
    .set((eb) => ({ [column]: eb(column, delta > 0 ? "+" : "-", 1) }))
    .where("id", "=", postId);
  if (delta < 0) {
    await query.where(column, ">", 0).execute();
    return;
  }
  const moved = await query.where("deleted_at", "is", null).executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) throw new Conflict("error.post.deleted");
}

/**
 * Someone reacted to or boosted another person's post: a fact in both ledgers and a notification for
 * the author (inside the caller's transaction). Nothing for one's own post.
 */
export async function acknowledgeToAuthor(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  viewer: Viewer,
  post: { id: string; author_id: string },
  kind: "reaction" | "boost",
  at: Date,
): Promise<void> {
  if (post.author_id === viewer.accountId) return;
  await recordMutualFact(deps, viewer.accountId, post.author_id, {
    kind,
    channel: "public",
    at,
    source: { type: "post", id: post.id },
  });
  await notify(deps, { recipientId: post.author_id, kind, actorId: viewer.accountId, subjectId: post.id });
}
