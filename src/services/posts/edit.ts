import { z } from "zod";
import { Forbidden, Invalid } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { recordMutualFact } from "../ledger/record.ts";
import { notify } from "../notifications/notify.ts";
import { enqueueSearchMerge } from "../search/merge.ts";
import { parseInput } from "../validate.ts";
import { bodySchema } from "./input.ts";
import { parseAndResolve, writeTextIndex } from "./text.ts";
import { canSee, livePost } from "./visible.ts";

const editSchema = z.object({ body: bodySchema });

/**
 * Changes a post's text; the previous text goes to its history and the post shows "edited". People
 * newly mentioned are notified; the audience (visibility) does not change. A post for "only people
 * mentioned" keeps everyone it already reached.
 */
export async function editPost(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  viewer: Viewer,
  postId: string,
  input: { body: string },
): Promise<void> {
  const { body } = parseInput(editSchema, input);
  // A placeholder is refused as such to anyone, its former author included (it is no longer theirs).
  const post = await livePost(deps.db, viewer.accountId, postId);
  if (post.author_id !== viewer.accountId) throw new Forbidden("error.post.notYours");
  const hasMedia = await deps.db
    .selectFrom("post_media")
    .select("id")
    .where("post_id", "=", postId)
    .union((eb) => eb.selectFrom("polls").select("post_id as id").where("post_id", "=", postId))
    .executeTakeFirst();
  if (body === "" && !hasMedia) throw Invalid.field("body", "error.post.empty");
  if (body === post.body) return;
  const text = await parseAndResolve(deps.db, body);
  const at = deps.clock.now();
  const now = at.toISOString();
  await deps.db.transaction().execute(async (tx) => {
    const w = { ...deps, db: tx };
    const before = await tx
      .selectFrom("post_mentions")
      .select("actor_id")
      .where("post_id", "=", postId)
      .execute();
    const previous = new Set(before.map((m) => m.actor_id));
    const mentionIds = text.mentions.map((m) => m.id).filter((id) => id !== viewer.accountId);
    const keep = post.visibility === "mentioned" ? [...previous] : [];
    await tx
      .insertInto("post_edits")
      .values({
        id: deps.newId(),
        post_id: postId,
        body: post.body,
        written_at: post.edited_at ?? post.created_at,
        replaced_at: now,
      })
      .execute();
    await tx
      .updateTable("posts")
      .set({ body, body_ast: JSON.stringify(text.ast), updated_at: now, edited_at: now })
      .where("id", "=", postId)
      .execute();
    await writeTextIndex(tx, { id: postId, createdAt: post.created_at }, [...mentionIds, ...keep], text.tags);
    await enqueueSearchMerge(w);
    for (const mentioned of mentionIds) {
      if (previous.has(mentioned)) continue;
      // A mention reaches only those the post is for (src/domain/posts/visibility.ts).
      if (!(await canSee(tx, mentioned, post))) continue;
      await recordMutualFact(w, viewer.accountId, mentioned, {
        kind: "mention",
        channel: "public",
        at,
        source: { type: "post", id: postId },
      });
      await notify(w, {
        recipientId: mentioned,
        kind: "mention",
        actorId: viewer.accountId,
        subjectId: postId,
      });
    }
  });
}

/** Earlier versions of a post, newest first (visible to whoever sees the post). */
export async function postHistory(
  deps: Pick<Deps, "db">,
  postId: string,
): Promise<{ body: string; writtenAt: string; replacedAt: string }[]> {
  const rows = await deps.db
    .selectFrom("post_edits")
    .select(["body", "written_at", "replaced_at"])
    .where("post_id", "=", postId)
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => ({ body: r.body, writtenAt: r.written_at, replacedAt: r.replaced_at }));
}
