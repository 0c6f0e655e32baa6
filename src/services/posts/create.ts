import type { PostRow } from "../../db/schema-posts.ts";
import { Conflict, Invalid, NotFound } from "../../domain/errors.ts";
import { effectiveVisibility } from "../../domain/posts/visibility.ts";
import type { Deps, Viewer } from "../deps.ts";
import { visibleEventIds } from "../events/visible.ts";
import { enqueue } from "../jobs/queue.ts";
import { recordMutualFact } from "../ledger/record.ts";
import {
  type ImageUpload,
  MAX_IMAGES,
  type ProcessedImage,
  processImage,
  removeFiles,
  type StoredImage,
  storeImages,
} from "../media/images.ts";
import { notify } from "../notifications/notify.ts";
import { enqueueSearchMerge } from "../search/merge.ts";
import { enqueueFanout } from "../timelines/fanout.ts";
import { parseInput } from "../validate.ts";
import { MAX_ALT, MAX_CREDIT, type PostInput, postSchema } from "./input.ts";
import { parseAndResolve, writeTextIndex } from "./text.ts";
import { canSee, visiblePost } from "./visible.ts";

export const POLL_ENDED_JOB = "posts.pollEnded";

/** Checks alt text and credit of each image, reported beside its own field (alt1, credit2…). */
function checkImageFields(images: ImageUpload[]): void {
  if (images.length > MAX_IMAGES) throw Invalid.field("images", "error.media.tooMany");
  images.forEach((image, index) => {
    const n = index + 1;
    if (image.alt.trim() === "") throw Invalid.field(`alt${n}`, "error.media.altRequired");
    if (image.alt.trim().length > MAX_ALT) throw Invalid.field(`alt${n}`, "error.media.altTooLong");
    if (image.credit.trim().length > MAX_CREDIT)
      throw Invalid.field(`credit${n}`, "error.media.creditTooLong");
  });
}

/** The parent being answered, if the viewer may see it and its thread is open. */
async function openParent(deps: Pick<Deps, "db">, viewer: Viewer, parentId: string): Promise<PostRow> {
  const parent = await visiblePost(deps.db, viewer.accountId, parentId);
  const rootId = parent.root_id ?? parent.id;
  const root =
    rootId === parent.id
      ? parent
      : await deps.db.selectFrom("posts").selectAll().where("id", "=", rootId).executeTakeFirst();
  if (!root) throw new NotFound();
  if (root.comments_closed === 1) throw new Conflict("error.post.commentsClosed");
  return parent;
}

/**
 * Publishes a post or a comment. A comment's visibility is narrowed to its parent's, its audience is
 * the thread's, and it is refused when the thread's comments are closed (whatever the way it comes:
 * form, replayed request, API). Images are checked and re-encoded before anything is written, stored
 * before the transaction and removed again if it fails: a failure leaves no post and no file.
 * Mentions, the comment and their ledger facts, notifications and the poll's closing job are written
 * in the same transaction as the post.
 */
export async function createPost(
  deps: Pick<Deps, "db" | "clock" | "newId" | "storage">,
  viewer: Viewer,
  input: PostInput,
  images: ImageUpload[] = [],
): Promise<{ id: string; rootId: string | null }> {
  const data = parseInput(postSchema, input);
  checkImageFields(images);
  if (data.body === "" && images.length === 0 && !data.poll) throw Invalid.field("body", "error.post.empty");
  const parent = data.parentId ? await openParent(deps, viewer, data.parentId) : null;
  if (parent && data.poll) throw Invalid.field("poll", "error.post.replyNotEditable");
  // A comment on an event is seen by whoever may see the event (the visibility rule's event gate):
  // commenting needs the event to be visible to the commenter, and the post itself is not narrowed.
  const eventId = parent ? parent.event_id : (data.eventId ?? null);
  if (eventId && !parent && !(await visibleEventIds(deps.db, viewer.accountId, [eventId])).has(eventId))
    throw new NotFound();
  const visibility =
    eventId && !parent ? "public" : effectiveVisibility(data.visibility, parent?.visibility ?? null);
  const text = await parseAndResolve(deps.db, data.body);

  const processed: ProcessedImage[] = [];
  for (const [index, image] of images.entries()) {
    processed.push(
      await processImage(
        { ...image, alt: image.alt.trim(), credit: image.credit.trim() },
        `image${index + 1}`,
      ),
    );
  }
  const stored: StoredImage[] = await storeImages(deps, processed);

  const id = deps.newId();
  const at = deps.clock.now();
  const now = at.toISOString();
  const rootId = parent ? (parent.root_id ?? parent.id) : null;
  const audienceId = parent ? parent.audience_id : viewer.accountId;
  const mentionIds = text.mentions.map((m) => m.id).filter((m) => m !== viewer.accountId);
  // A comment for "only people mentioned" also reaches whoever could see what it answers.
  const audienceMentions =
    parent && visibility === "mentioned"
      ? await deps.db
          .selectFrom("post_mentions")
          .select("actor_id")
          .where("post_id", "=", parent.id)
          .execute()
      : [];
  const allMentions = [
    ...mentionIds,
    ...(parent && visibility === "mentioned" ? [parent.author_id] : []),
    ...audienceMentions.map((m) => m.actor_id),
  ].filter((m) => m !== viewer.accountId);

  try {
    await deps.db.transaction().execute(async (tx) => {
      const w = { ...deps, db: tx };
      if (rootId) {
        // Closing may have happened since the check above: re-read under the write.
        const root = await tx
          .selectFrom("posts")
          .select("comments_closed")
          .where("id", "=", rootId)
          .executeTakeFirst();
        if (!root) throw new NotFound();
        if (root.comments_closed === 1) throw new Conflict("error.post.commentsClosed");
      }
      await tx
        .insertInto("posts")
        .values({
          id,
          author_id: viewer.accountId,
          audience_id: audienceId,
          body: data.body,
          body_ast: JSON.stringify(text.ast),
          visibility,
          root_id: rootId,
          parent_id: parent?.id ?? null,
          event_id: eventId,
          created_at: now,
          updated_at: now,
          edited_at: null,
        })
        .execute();
      await writeTextIndex(tx, { id, createdAt: now }, allMentions, text.tags);
      // An event's discussion stays on the event page; only posts of one's own reach timelines.
      if (!parent && !eventId) await enqueueFanout(w, { postId: id });
      await enqueueSearchMerge(w);
      if (stored.length > 0) {
        await tx
          .insertInto("post_media")
          .values(
            stored.map((s, position) => ({
              id: s.id,
              post_id: id,
              position,
              storage_key: s.storageKey,
              thumb_key: s.thumbKey,
              width: s.width,
              height: s.height,
              thumb_width: s.thumbWidth,
              thumb_height: s.thumbHeight,
              alt: s.alt,
              credit: s.credit,
              created_at: now,
            })),
          )
          .execute();
      }
      if (data.poll) {
        const endsAt = new Date(at.getTime() + data.poll.durationSeconds * 1000).toISOString();
        await tx
          .insertInto("polls")
          .values({
            post_id: id,
            multiple: data.poll.multiple ? 1 : 0,
            ends_at: endsAt,
            closed_notified_at: null,
          })
          .execute();
        await tx
          .insertInto("poll_options")
          .values(
            data.poll.options.map((label, position) => ({ id: deps.newId(), post_id: id, position, label })),
          )
          .execute();
        await enqueue(w, { kind: POLL_ENDED_JOB, payload: { postId: id }, runAt: endsAt, key: `poll:${id}` });
      }
      if (parent) {
        await tx
          .updateTable("posts")
          .set((eb) => ({ reply_count: eb("reply_count", "+", 1) }))
          .where("id", "=", parent.id)
          .execute();
      }
      const fact = { channel: "public" as const, at, source: { type: "post", id } };
      const written = {
        id,
        author_id: viewer.accountId,
        audience_id: audienceId,
        event_id: eventId,
        visibility,
      };
      // Whoever is told of the comment as its parent's author is not told again of being mentioned in it.
      let parentTold = false;
      if (parent && parent.author_id !== viewer.accountId) {
        await recordMutualFact(w, viewer.accountId, parent.author_id, {
          ...fact,
          kind: parent.root_id ? "reply" : "comment",
        });
        if (await canSee(tx, parent.author_id, written))
          parentTold = await notify(w, {
            recipientId: parent.author_id,
            kind: "reply",
            actorId: viewer.accountId,
            subjectId: id,
          });
      }
      for (const mentioned of mentionIds) {
        if (mentioned === parent?.author_id && parentTold) continue;
        // A mention reaches only those the post is for (src/domain/posts/visibility.ts).
        if (!(await canSee(tx, mentioned, written))) continue;
        if (mentioned !== parent?.author_id)
          await recordMutualFact(w, viewer.accountId, mentioned, { ...fact, kind: "mention" });
        await notify(w, {
          recipientId: mentioned,
          kind: "mention",
          actorId: viewer.accountId,
          subjectId: id,
        });
      }
    });
  } catch (error) {
    await removeFiles(
      deps,
      stored.flatMap((s) => [s.storageKey, s.thumbKey]),
    );
    throw error;
  }
  return { id, rootId };
}
