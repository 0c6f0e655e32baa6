import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import {
  hashtags,
  keepKnownMentions,
  mentionedHandles,
  type PostAst,
  parsePostText,
} from "../../domain/posts/text.ts";
import { canSee } from "./visible.ts";

export interface ParsedText {
  ast: PostAst;
  /** Local accounts the text mentions (handles that exist), in order. */
  mentions: { id: string; handle: string }[];
  tags: string[];
}

/** Parses a post's text and resolves its @mentions to local accounts (one query). */
export async function parseAndResolve(db: Kysely<Database>, body: string): Promise<ParsedText> {
  const parsed = parsePostText(body);
  const handles = mentionedHandles(parsed);
  const found =
    handles.length === 0
      ? []
      : await db
          .selectFrom("actors")
          .innerJoin("accounts", "accounts.actor_id", "actors.id")
          .select(["actors.id", "actors.handle"])
          .where("actors.handle", "in", handles)
          .where("actors.domain", "is", null)
          .execute();
  const known = new Set(found.map((a) => a.handle));
  const ast = keepKnownMentions(parsed, known);
  const mentions = handles.flatMap((h) => found.filter((a) => a.handle === h));
  return { ast, mentions, tags: hashtags(ast) };
}

/**
 * The people a comment's mentions may reach: those who can see its conversation (the thread's root).
 * A mention of anyone else stays in the text, but is not recorded: it would let them into a
 * conversation kept from them (a comment for "only people mentioned" is seen by those it mentions),
 * and it notifies nobody. A root post's mentions are all kept: for "only people mentioned" they are
 * its audience. The post is already written (inside the caller's transaction).
 */
async function reachableMentions(tx: Kysely<Database>, postId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return ids;
  const root = await tx
    .selectFrom("posts as p")
    .innerJoin("posts as r", "r.id", "p.root_id")
    .select(["r.id", "r.author_id", "r.audience_id", "r.event_id", "r.root_id", "r.visibility"])
    .where("p.id", "=", postId)
    .executeTakeFirst();
  if (!root) return ids;
  const reachable: string[] = [];
  for (const id of ids) if (await canSee(tx, id, root)) reachable.push(id);
  return reachable;
}

/**
 * Replaces a post's mention and hashtag rows (inside the caller's transaction, after the post is
 * written); a comment's mentions only of people who can see its conversation (reachableMentions).
 */
export async function writeTextIndex(
  tx: Kysely<Database>,
  post: { id: string; createdAt: string },
  mentionIds: readonly string[],
  tags: readonly string[],
): Promise<void> {
  await tx.deleteFrom("post_mentions").where("post_id", "=", post.id).execute();
  await tx.deleteFrom("post_hashtags").where("post_id", "=", post.id).execute();
  const ids = await reachableMentions(tx, post.id, [...new Set(mentionIds)]);
  if (ids.length > 0) {
    await tx
      .insertInto("post_mentions")
      .values(ids.map((actor_id) => ({ post_id: post.id, actor_id })))
      .execute();
  }
  if (tags.length > 0) {
    await tx
      .insertInto("post_hashtags")
      .values([...new Set(tags)].map((tag) => ({ post_id: post.id, tag, created_at: post.createdAt })))
      .execute();
  }
}
