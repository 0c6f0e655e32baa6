import type { PostRow } from "../../db/schema-posts.ts";
import { Conflict, type FieldMessage, Invalid, NotFound } from "../../domain/errors.ts";
import { effectiveVisibility } from "../../domain/posts/visibility.ts";
import type { Deps, Viewer } from "../deps.ts";
import { visibleEventIds } from "../events/visible.ts";
import { enqueue } from "../jobs/queue.ts";
import { recordMutualFact } from "../ledger/record.ts";
import { removeFiles, type StoredImage, storeImages } from "../media/images.ts";
import { notify } from "../notifications/notify.ts";
import { enqueueSearchMerge } from "../search/merge.ts";
import { enqueueFanout } from "../timelines/fanout.ts";
import { parseInput } from "../validate.ts";
import {
  addError,
  type ImageSlot,
  InvalidPost,
  type KeptImage,
  keepImages,
  prepareImages,
  type ReadyImage,
} from "./images.ts";
import { type PostInput, postSchema } from "./input.ts";
import { keepPending, type PendingImage, pendingOf } from "./pending-media.ts";
import { parseAndResolve, writeTextIndex } from "./text.ts";
import { canSee, visiblePost } from "./visible.ts";

export const POLL_ENDED_JOB = "posts.pollEnded";

/**
 * The parent being answered, if the viewer may see it, it is not a deleted comment's placeholder, and
 * its thread is open.
 */
async function openParent(deps: Pick<Deps, "db">, viewer: Viewer, parentId: string): Promise<PostRow> {
  const parent = await visiblePost(deps.db, viewer.accountId, parentId);
  if (parent.deleted_at !== null) throw new Conflict("error.post.replyToDeleted");
  const rootId = parent.root_id ?? parent.id;
  const root =
    rootId === parent.id
      ? parent
      : await deps.db.selectFrom("posts").selectAll().where("id", "=", rootId).executeTakeFirst();
  if (!root) throw new NotFound();
  if (root.comments_closed === 1) throw new Conflict("error.post.commentsClosed");
  return parent;
}

/** Runs a parse, adding its problems to `errors`; its result, or null when it failed. */
function collect<T>(errors: Record<string, FieldMessage>, parse: () => T): T | null {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    for (const [field, message] of Object.entries(error.fields)) errors[field] ??= message;
    return null;
  }
}

/**
 * Publishes a post or a comment. A comment's visibility is narrowed to its parent's, its audience is
 * the thread's, and it is refused when the thread's comments are closed (whatever the way it comes:
 * form, replayed request, API).
 *
 * Every part is checked before anything is written, and every problem is reported at once, beside its
 * field (`InvalidPost`). The images that passed their own checks are not lost with a refused form:
 * they are stored as the viewer's pending images and named in the error (`kept`), for the form to
 * show and send back; on success they become the post's images in its transaction. New images are
 * stored before the transaction and removed again if it fails for another reason: such a failure
 * leaves no post and no file. Mentions, the comment and their ledger facts, notifications and the
 * poll's closing job are written in the same transaction as the post.
 */
export async function createPost(
  deps: Pick<Deps, "db" | "clock" | "newId" | "storage">,
  viewer: Viewer,
  input: PostInput,
  images: ImageSlot[] = [],
): Promise<{ id: string; rootId: string | null }> {
  const errors: Record<string, FieldMessage> = {};
  const data = collect(errors, () => parseInput(postSchema, input));
  const parentId = data ? data.parentId : typeof input.parentId === "string" ? input.parentId : null;
  const parent = parentId ? await openParent(deps, viewer, parentId) : null;
  // A comment on an event is seen by whoever may see the event (the visibility rule's event gate):
  // commenting needs the event to be visible to the commenter, and the post itself is not narrowed.
  const eventId = parent ? parent.event_id : (data?.eventId ?? null);
  if (eventId && !parent && !(await visibleEventIds(deps.db, viewer.accountId, [eventId])).has(eventId))
    throw new NotFound();
  const ready = await prepareImages(deps, viewer, images, errors);
  const imageProblem = Object.keys(errors).some((field) => /^(image|alt|credit)/.test(field));
  // Read as given where the parse failed, so that "empty" shows beside another field's problem.
  const body = data ? data.body : typeof input.body === "string" ? input.body.trim() : "";
  const hasPoll = Boolean(data ? data.poll : input.poll);
  if (body === "" && ready.length === 0 && !hasPoll && !imageProblem)
    addError(errors, "body", parent ? "error.post.emptyComment" : "error.post.empty");
  if (parent && hasPoll) addError(errors, "poll", "error.post.replyNotEditable");
  const text = data ? await parseAndResolve(deps.db, data.body) : null;
  // A post for the people mentioned that mentions nobody would be seen by its author alone (a comment
  // reaches the people of what it answers too).
  if (
    text &&
    !parent &&
    data?.visibility === "mentioned" &&
    !text.mentions.some((m) => m.id !== viewer.accountId)
  )
    addError(errors, "visibility", "error.post.mentionNobody");
  if (!data || !text || Object.keys(errors).length > 0)
    throw new InvalidPost(errors, await keepImages(deps, viewer, ready));

  const visibility =
    eventId && !parent ? "public" : effectiveVisibility(data.visibility, parent?.visibility ?? null);
  const fresh = ready.flatMap((r) => (r.fresh ? [r.fresh] : []));
  const stored: StoredImage[] = await storeImages(deps, fresh);
  const media = placed(ready, stored);
  const pendingIds = ready.flatMap((r) => (r.pending ? [r.pending.id] : []));

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
      if (rootId && parent) {
        // Closing or deleting may have happened since the checks above: re-read under the write.
        const rows = await tx
          .selectFrom("posts")
          .select(["id", "comments_closed", "deleted_at"])
          .where("id", "in", [rootId, parent.id])
          .execute();
        const root = rows.find((r) => r.id === rootId);
        const answered = rows.find((r) => r.id === parent.id);
        if (!root || !answered) throw new NotFound();
        if (root.comments_closed === 1) throw new Conflict("error.post.commentsClosed");
        if (answered.deleted_at !== null) throw new Conflict("error.post.replyToDeleted");
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
      if (pendingIds.length > 0) {
        // The kept images become the post's: gone meanwhile (after a day), the form says so.
        const { numDeletedRows } = await tx
          .deleteFrom("pending_media")
          .where("id", "in", pendingIds)
          .where("account_id", "=", viewer.accountId)
          .executeTakeFirst();
        if (Number(numDeletedRows) !== pendingIds.length)
          throw Invalid.field("images", "error.media.expired");
      }
      if (media.length > 0) {
        await tx
          .insertInto("post_media")
          .values(
            media.map((m, position) => ({
              id: m.id,
              post_id: id,
              position,
              storage_key: m.storageKey,
              thumb_key: m.thumbKey,
              width: m.width,
              height: m.height,
              thumb_width: m.thumbWidth,
              thumb_height: m.thumbHeight,
              alt: m.alt,
              credit: m.credit,
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
      if (parent && rootId) {
        await tx
          .updateTable("posts")
          .set((eb) => ({ reply_count: eb("reply_count", "+", 1) }))
          .where("id", "=", parent.id)
          .execute();
        await tx
          .updateTable("posts")
          .set((eb) => ({ comment_count: eb("comment_count", "+", 1) }))
          .where("id", "=", rootId)
          .execute();
      }
      const fact = { channel: "public" as const, at, source: { type: "post", id } };
      const written = {
        id,
        author_id: viewer.accountId,
        audience_id: audienceId,
        event_id: eventId,
        root_id: rootId,
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
    if (error instanceof Invalid) throw await keptAfterAll(deps, viewer, error, ready, stored);
    await removeFiles(
      deps,
      stored.flatMap((s) => [s.storageKey, s.thumbKey]),
    );
    throw error;
  }
  return { id, rootId };
}

/** A post's image in its place: its stored files (just stored, or kept), with its alt and credit. */
type PlacedImage = PendingImage & { alt: string; credit: string };

/** The post's images in their places' order: new ones as just stored, kept ones as they were. */
function placed(ready: ReadyImage[], stored: StoredImage[]): PlacedImage[] {
  let next = 0;
  return ready.flatMap((r): PlacedImage[] => {
    const image = r.fresh ? stored[next++] : r.pending;
    return image ? [{ ...image, alt: r.alt, credit: r.credit }] : [];
  });
}

/**
 * A refusal found in the transaction (kept images gone meanwhile): the new images, stored already,
 * are kept for the next try with the kept ones still there.
 */
async function keptAfterAll(
  deps: Pick<Deps, "db" | "clock" | "newId" | "storage">,
  viewer: Viewer,
  error: Invalid,
  ready: ReadyImage[],
  stored: StoredImage[],
): Promise<InvalidPost> {
  try {
    await keepPending(deps, viewer.accountId, stored);
  } catch (failure) {
    await removeFiles(
      deps,
      stored.flatMap((s) => [s.storageKey, s.thumbKey]),
    );
    throw failure;
  }
  const still = await pendingOf(
    deps.db,
    viewer.accountId,
    ready.flatMap((r) => (r.pending ? [r.pending.id] : [])),
  );
  let next = 0;
  const kept = ready.flatMap((r): KeptImage[] => {
    const image = r.fresh ? stored[next++] : r.pending && still.get(r.pending.id);
    return image
      ? [{ slot: r.slot, id: image.id, thumbWidth: image.thumbWidth, thumbHeight: image.thumbHeight }]
      : [];
  });
  return new InvalidPost(error.fields, kept);
}
