import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { PostRow } from "../../db/schema-posts.ts";
import { Forbidden } from "../../domain/errors.ts";
import type { Viewer } from "../deps.ts";
import { visiblePost } from "./visible.ts";

/**
 * The viewer's own post, for a change only its author may make. Someone who cannot see the post gets
 * "not found"; someone who can see it but did not write it is told they cannot.
 */
export async function ownPost(db: Kysely<Database>, viewer: Viewer, postId: string): Promise<PostRow> {
  const post = await visiblePost(db, viewer.accountId, postId);
  if (post.author_id !== viewer.accountId) throw new Forbidden("error.post.notYours");
  return post;
}
