import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import {
  hashtags,
  keepKnownMentions,
  mentionedHandles,
  type PostAst,
  parsePostText,
} from "../../domain/posts/text.ts";

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

/** Replaces a post's mention and hashtag rows (inside the caller's transaction). */
export async function writeTextIndex(
  tx: Kysely<Database>,
  post: { id: string; createdAt: string },
  mentionIds: readonly string[],
  tags: readonly string[],
): Promise<void> {
  await tx.deleteFrom("post_mentions").where("post_id", "=", post.id).execute();
  await tx.deleteFrom("post_hashtags").where("post_id", "=", post.id).execute();
  const ids = [...new Set(mentionIds)];
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
