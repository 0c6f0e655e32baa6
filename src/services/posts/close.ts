import { Forbidden } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { ownPost } from "./owned.ts";

/**
 * Closes or reopens the comments of one of the viewer's posts (the whole thread: a comment's thread is
 * its root's). Existing comments stay; new ones are refused while closed.
 */
export async function setCommentsClosed(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  postId: string,
  closed: boolean,
): Promise<void> {
  const post = await ownPost(deps.db, viewer, postId);
  if (post.root_id !== null) throw new Forbidden("error.post.notYours");
  await deps.db
    .updateTable("posts")
    .set({ comments_closed: closed ? 1 : 0 })
    .where("id", "=", post.id)
    .execute();
}
