import type { Deps, Viewer } from "../deps.ts";
import { removeFiles } from "../media/images.ts";
import { type BroughtEntry, entriesOfPosts, forgetEntries } from "../timelines/forget-post.ts";
import { ownPost } from "./owned.ts";

/**
 * Deletes a post with the comments under it, everywhere: the rows (reactions, boosts, bookmarks,
 * mentions, hashtags, polls and history go with them by cascade) and the notifications about them;
 * once that is committed, their entries in home timelines (a few timelines at a time, requests served
 * in between) and their image files.
 */
export async function deletePost(
  deps: Pick<Deps, "db" | "storage">,
  viewer: Viewer,
  postId: string,
): Promise<{ rootId: string | null }> {
  const post = await ownPost(deps.db, viewer, postId);
  // The post and its descendants: the thread is read once and walked in memory.
  const ids = [post.id];
  if (post.root_id === null) {
    const thread = await deps.db.selectFrom("posts").select("id").where("root_id", "=", post.id).execute();
    ids.push(...thread.map((p) => p.id));
  } else {
    const thread = await deps.db
      .selectFrom("posts")
      .select(["id", "parent_id"])
      .where("root_id", "=", post.root_id)
      .execute();
    const children = new Map<string, string[]>();
    for (const p of thread) {
      if (!p.parent_id) continue;
      const list = children.get(p.parent_id) ?? [];
      list.push(p.id);
      children.set(p.parent_id, list);
    }
    for (let i = 0; i < ids.length; i++) ids.push(...(children.get(ids[i] as string) ?? []));
  }
  const keys: string[] = [];
  const entries: BroughtEntry[] = [];
  await deps.db.transaction().execute(async (tx) => {
    const media = await tx
      .selectFrom("post_media")
      .select(["storage_key", "thumb_key"])
      .where("post_id", "in", ids)
      .execute();
    keys.push(...media.flatMap((m) => [m.storage_key, m.thumb_key]));
    await tx.deleteFrom("notifications").where("subject_id", "in", ids).execute();
    entries.push(...(await entriesOfPosts(tx, ids)));
    if (post.parent_id) {
      await tx
        .updateTable("posts")
        .set((eb) => ({ reply_count: eb("reply_count", "-", 1) }))
        .where("id", "=", post.parent_id)
        .where("reply_count", ">", 0)
        .execute();
    }
    // Children before parents is not needed: the parent/root foreign keys cascade.
    await tx.deleteFrom("posts").where("id", "=", post.id).execute();
  });
  await forgetEntries(deps.db, entries);
  await removeFiles(deps, keys);
  return { rootId: post.root_id };
}
