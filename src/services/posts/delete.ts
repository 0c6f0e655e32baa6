import type { Kysely } from "kysely";
import { inList } from "../../db/in-list.ts";
import type { Database } from "../../db/schema.ts";
import { Forbidden } from "../../domain/errors.ts";
import { removeFromThread, subtreeOf, type ThreadPost } from "../../domain/posts/thread-removal.ts";
import type { Deps, Viewer } from "../deps.ts";
import { removeFiles } from "../media/images.ts";
import { enqueueSearchMerge } from "../search/merge.ts";
import { type BroughtEntry, entriesOfPosts, forgetEntries } from "../timelines/forget-post.ts";
import { livePost } from "./visible.ts";

/**
 * Deletes a post, everywhere. A thread's root goes with the whole thread. A comment goes with its
 * author's own replies under it; the replies of other people under it stay where they are, under a
 * placeholder that keeps its place in the tree ("This comment was deleted.") and nothing of it
 * (`removeComments`). Rows go with what hangs off them (reactions, boosts, bookmarks, mentions,
 * hashtags, polls and history, by cascade), and so do the notifications about them; once that is
 * committed, their entries in home timelines (a few timelines at a time, requests served in between)
 * and their image files.
 */
export async function deletePost(
  deps: Pick<Deps, "db" | "storage" | "clock" | "newId">,
  viewer: Viewer,
  postId: string,
): Promise<{ rootId: string | null }> {
  // A placeholder is refused as such to anyone, its former author included (it is no longer theirs).
  const post = await livePost(deps.db, viewer.accountId, postId);
  if (post.author_id !== viewer.accountId) throw new Forbidden("error.post.notYours");
  const { root_id: rootId } = post;
  const left: Leftovers = { keys: [], entries: [] };
  await deps.db.transaction().execute(async (tx) => {
    if (rootId === null) {
      const thread = await tx.selectFrom("posts").select("id").where("root_id", "=", post.id).execute();
      const ids = [post.id, ...thread.map((p) => p.id)];
      await forgetGone(tx, ids, left);
      // Comments go with their root: the root_id and parent_id foreign keys cascade.
      await tx.deleteFrom("posts").where("id", "=", post.id).execute();
      return;
    }
    // The root's row first: a comment being written meanwhile, which counts itself there, is then
    // either in the thread read next or written after this (PostgreSQL; SQLite writes one at a time).
    await tx
      .updateTable("posts")
      .set((eb) => ({ comment_count: eb.ref("comment_count") }))
      .where("id", "=", rootId)
      .execute();
    const threads = await readThreads(tx, [rootId]);
    const at = deps.clock.now().toISOString();
    await removeComments({ ...deps, db: tx }, threads, at, left, (thread) => {
      const under = subtreeOf(thread, post.id);
      return new Set(
        thread.flatMap((p) => (under.has(p.id) && p.authorId === viewer.accountId ? [p.id] : [])),
      );
    });
  });
  await forgetEntries(deps.db, left.entries);
  await removeFiles(deps, left.keys);
  return { rootId };
}

/** What is taken out once the deletion is committed: image files, and home-timeline entries. */
export interface Leftovers {
  keys: string[];
  entries: BroughtEntry[];
}

/** A thread's post as `removeComments` reads it. */
export interface ThreadRow extends ThreadPost {
  authorId: string;
  /** On the root: its stored count of the thread's comments. */
  commentCount: number;
}

/** Whole threads, by root: every post of each, its root first. */
export async function readThreads(
  db: Kysely<Database>,
  rootIds: readonly string[],
): Promise<Map<string, ThreadRow[]>> {
  const threads = new Map<string, ThreadRow[]>();
  if (rootIds.length === 0) return threads;
  const columns = [
    "id",
    "parent_id",
    "root_id",
    "author_id",
    "deleted_at",
    "reply_count",
    "comment_count",
  ] as const;
  const rows = await db
    .selectFrom("posts")
    .select(columns)
    .where(inList(db, "id", rootIds))
    .unionAll(
      db
        .selectFrom("posts")
        .select(columns)
        .where(inList(db, "root_id", rootIds)),
    )
    .execute();
  for (const row of rows) {
    const rootId = row.root_id ?? row.id;
    const thread = threads.get(rootId) ?? [];
    const post: ThreadRow = {
      id: row.id,
      parentId: row.parent_id,
      authorId: row.author_id,
      deleted: row.deleted_at !== null,
      replyCount: Number(row.reply_count),
      commentCount: Number(row.comment_count),
    };
    if (row.root_id === null) thread.unshift(post);
    else thread.push(post);
    threads.set(rootId, thread);
  }
  return threads;
}

/**
 * Removes the comments `goes` picks in each thread (`removeFromThread`): those with a reply of someone
 * else's under them become placeholders (`blankComments`), the others are removed, a placeholder left
 * with nothing under it goes too; the counts of direct replies and the roots' counts of comments are
 * set right. Runs in the caller's transaction; the files and timeline entries to take out once it is
 * committed are added to `left`.
 */
export async function removeComments(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  threads: ReadonlyMap<string, ThreadRow[]>,
  at: string,
  left: Leftovers,
  goes: (thread: ThreadRow[]) => ReadonlySet<string>,
): Promise<void> {
  const remove: string[] = [];
  const blank: string[] = [];
  const replyCounts = new Map<string, number>();
  const commentCounts = new Map<string, number>();
  for (const [rootId, thread] of threads) {
    const removal = removeFromThread(thread, goes(thread));
    remove.push(...removal.remove);
    blank.push(...removal.blank);
    for (const [id, count] of removal.replyCounts) replyCounts.set(id, count);
    if (removal.commentCount !== thread[0]?.commentCount) commentCounts.set(rootId, removal.commentCount);
  }
  const db = deps.db;
  await forgetGone(db, [...remove, ...blank], left);
  await blankComments(deps, blank, at);
  if (remove.length > 0)
    await db
      .deleteFrom("posts")
      .where(inList(db, "id", remove))
      .execute();
  await setCounts(db, "reply_count", replyCounts);
  await setCounts(db, "comment_count", commentCounts);
}

/**
 * Reads what goes with these posts that a cascade does not take out (their image files, their
 * entries in home timelines: read before their boosts go), and deletes the notifications about them.
 */
async function forgetGone(db: Kysely<Database>, ids: readonly string[], left: Leftovers): Promise<void> {
  if (ids.length === 0) return;
  const media = await db
    .selectFrom("post_media")
    .select(["storage_key", "thumb_key"])
    .where(inList(db, "post_id", ids))
    .execute();
  left.keys.push(...media.flatMap((m) => [m.storage_key, m.thumb_key]));
  left.entries.push(...(await entriesOfPosts(db, ids)));
  await db
    .deleteFrom("notifications")
    .where(inList(db, "subject_id", ids))
    .execute();
}

/**
 * Turns comments into placeholders: their text, history, images, reactions, boosts, bookmarks,
 * hashtags and mentions go, and they no longer name their author: the thread's author (their audience)
 * holds them, as the conversation's keeper. Who may see one stays who could (the replies under it were
 * written for them): a comment for "only the people mentioned" keeps those people, and its author
 * joins them. The full-text index follows the emptied text.
 */
async function blankComments(deps: Pick<Deps, "db" | "clock" | "newId">, ids: readonly string[], at: string) {
  if (ids.length === 0) return;
  const db = deps.db;
  const posts = await db
    .selectFrom("posts")
    .select(["id", "author_id", "audience_id", "visibility"])
    .where(inList(db, "id", ids))
    .execute();
  const forMentioned = posts.filter((p) => p.visibility === "mentioned");
  const others = posts.filter((p) => p.visibility !== "mentioned").map((p) => p.id);
  if (others.length > 0)
    await db
      .deleteFrom("post_mentions")
      .where(inList(db, "post_id", others))
      .execute();
  const authors = forMentioned.filter((p) => p.author_id !== p.audience_id);
  if (authors.length > 0)
    await db
      .insertInto("post_mentions")
      .values(authors.map((p) => ({ post_id: p.id, actor_id: p.author_id })))
      .onConflict((oc) => oc.columns(["post_id", "actor_id"]).doNothing())
      .execute();
  // The posts' rows first: a reaction or a boost being added meanwhile waits for them, then finds a
  // placeholder (acknowledge.ts, moveCount); one added before is there for the deletes below.
  await db
    .updateTable("posts")
    .set((eb) => ({
      author_id: eb.ref("audience_id"),
      body: "",
      body_ast: "[]",
      edited_at: null,
      deleted_at: at,
      updated_at: at,
      reaction_count: 0,
      boost_count: 0,
    }))
    .where(inList(db, "id", ids))
    .execute();
  for (const table of [
    "post_hashtags",
    "post_edits",
    "post_media",
    "reactions",
    "boosts",
    "bookmarks",
  ] as const)
    await db
      .deleteFrom(table)
      .where(inList(db, "post_id", ids))
      .execute();
  await enqueueSearchMerge(deps);
}

/** Sets a count on many posts: one statement per value (few: most are 0 or 1). */
async function setCounts(
  db: Kysely<Database>,
  column: "reply_count" | "comment_count",
  counts: ReadonlyMap<string, number>,
): Promise<void> {
  const byValue = new Map<number, string[]>();
  for (const [id, count] of counts) byValue.set(count, [...(byValue.get(count) ?? []), id]);
  for (const [count, ids] of byValue)
    await db
      .updateTable("posts")
      .set({ [column]: count })
      .where(inList(db, "id", ids))
      .execute();
}
