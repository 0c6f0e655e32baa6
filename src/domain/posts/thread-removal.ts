/**
 * What deleting comments does to a thread. A deleted comment with a reply under it that stays (someone
 * else's) stays in the tree as a placeholder ("This comment was deleted."), so that the replies below
 * are still read in place; one with nothing left under it is removed. A placeholder is there only for
 * the replies under it: when the last of them goes, it goes too, and so on up a chain of placeholders.
 */
export interface ThreadPost {
  id: string;
  /** Null for the thread's root. */
  parentId: string | null;
  /** A placeholder already (deleted earlier). */
  deleted: boolean;
  /** Its direct replies as stored (placeholders left out). */
  replyCount: number;
}

export interface ThreadRemoval {
  /** Posts to remove, with nothing left under them. */
  remove: string[];
  /** Comments to turn into placeholders: replies that stay are under them. */
  blank: string[];
  /** The posts that stay whose stored count of direct replies (placeholders left out) is now wrong. */
  replyCounts: Map<string, number>;
  /** The comments the thread keeps, at every depth, placeholders left out. */
  commentCount: number;
}

/**
 * The outcome of deleting the comments `goes` from a whole thread (`posts`, its root included): each
 * of them, and each placeholder there was, stays as a placeholder when a comment that stays is under
 * it, and is removed otherwise. The root cannot be among `goes` (deleting it removes the thread).
 */
export function removeFromThread(posts: readonly ThreadPost[], goes: ReadonlySet<string>): ThreadRemoval {
  const root = posts.find((p) => p.parentId === null);
  if (!root || goes.has(root.id) || root.deleted) throw new Error("a thread's root is never removed here");
  const children = childrenOf(posts);
  // Parents before children (breadth first), then read backwards: children before parents.
  const order = [root];
  for (let i = 0; i < order.length; i++) order.push(...(children.get((order[i] as ThreadPost).id) ?? []));
  const stays = (p: ThreadPost) => !p.deleted && !goes.has(p.id);
  /** A comment that stays is this post or under it. */
  const anchored = new Set<string>();
  for (let i = order.length - 1; i >= 0; i--) {
    const post = order[i] as ThreadPost;
    if (stays(post) || (children.get(post.id) ?? []).some((c) => anchored.has(c.id))) anchored.add(post.id);
  }
  const removal: ThreadRemoval = { remove: [], blank: [], replyCounts: new Map(), commentCount: 0 };
  for (const post of order) {
    if (!anchored.has(post.id)) {
      removal.remove.push(post.id);
      continue;
    }
    if (!stays(post) && !post.deleted) removal.blank.push(post.id);
    if (stays(post) && post !== root) removal.commentCount++;
    const replies = (children.get(post.id) ?? []).filter(stays).length;
    if (replies !== post.replyCount) removal.replyCounts.set(post.id, replies);
  }
  return removal;
}

/** `id` and every post under it, in the thread `posts`. */
export function subtreeOf(posts: readonly ThreadPost[], id: string): Set<string> {
  const children = childrenOf(posts);
  const ids = [id];
  for (let i = 0; i < ids.length; i++) ids.push(...(children.get(ids[i] as string) ?? []).map((c) => c.id));
  return new Set(ids);
}

function childrenOf(posts: readonly ThreadPost[]): Map<string, ThreadPost[]> {
  const children = new Map<string, ThreadPost[]>();
  for (const post of posts) {
    if (post.parentId === null) continue;
    const list = children.get(post.parentId);
    if (list) list.push(post);
    else children.set(post.parentId, [post]);
  }
  return children;
}
