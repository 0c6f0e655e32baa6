import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import type { Deps, Viewer } from "../deps.ts";
import { loadPostCards, type PostCard } from "./cards.ts";
import { whereVisibleTo } from "./visible.ts";

export const PROFILE_PAGE_SIZE = 20;

/**
 * The ids of one page of a person's posts the viewer may see: on every profile view, so compiled once
 * per shape (signed in or not, first page or not, page size) — building the visibility rule's tree
 * cost more than running it.
 */
function authorPostIdsQuery(signedIn: boolean, withCursor: boolean, limit: number) {
  return prepared(
    4,
    (db: Kysely<Database>, authorId: string, viewerId: string, beforeAt: string, beforeId: string) => {
      let query = db
        .selectFrom("posts")
        .select(["id", "created_at"])
        .where("author_id", "=", authorId)
        .where("root_id", "is", null)
        .where("event_id", "is", null)
        .where(whereVisibleTo(signedIn ? viewerId : null));
      if (withCursor)
        query = query.where((eb) =>
          eb.or([
            eb("created_at", "<", beforeAt),
            eb.and([eb("created_at", "=", beforeAt), eb("id", "<", beforeId)]),
          ]),
        );
      return query
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
    },
  );
}

const authorPostIdQueries = new Map<string, ReturnType<typeof authorPostIdsQuery>>();
function authorPostIds(signedIn: boolean, withCursor: boolean, limit: number) {
  const key = `${signedIn}:${withCursor}:${limit}`;
  let query = authorPostIdQueries.get(key);
  if (!query) {
    query = authorPostIdsQuery(signedIn, withCursor, limit);
    authorPostIdQueries.set(key, query);
  }
  return query;
}

/** A keyset cursor over (created_at, id): "<iso>~<id>". */
export function readCursor(cursor: string | undefined): { at: string; id: string } | null {
  const [at, id] = (cursor ?? "").split("~");
  return at && id ? { at, id } : null;
}

/**
 * A person's posts (not their comments) that the viewer may see, newest first, by keyset on
 * (created_at, id) over the posts_author index.
 */
export async function listAuthorPosts(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
  authorId: string,
  options: { before?: string | undefined; limit?: number } = {},
): Promise<{ items: PostCard[]; next: string | null }> {
  const limit = options.limit ?? PROFILE_PAGE_SIZE;
  const cursor = readCursor(options.before);
  const rows = await authorPostIds(viewer !== null, cursor !== null, limit)(
    deps.db,
    authorId,
    viewer?.accountId ?? "",
    cursor?.at ?? "",
    cursor?.id ?? "",
  );
  const page = rows.slice(0, limit);
  const items = await loadPostCards(
    deps,
    viewer,
    page.map((r) => r.id),
    { alreadyVisible: true },
  );
  const last = page.at(-1);
  return { items, next: rows.length > limit && last ? `${last.created_at}~${last.id}` : null };
}

export const EVENT_COMMENTS_LIMIT = 100;

/** Compiled once per shape (signed in or not): on every view of an event page. */
function eventCommentIdsQuery(signedIn: boolean) {
  return prepared(2, (db: Kysely<Database>, eventId: string, viewerId: string) =>
    db
      .selectFrom("posts")
      .select("id")
      .where("event_id", "=", eventId)
      .where("root_id", "is", null)
      .where(whereVisibleTo(signedIn ? viewerId : null))
      .orderBy("created_at")
      .orderBy("id")
      .limit(EVENT_COMMENTS_LIMIT),
  );
}
const eventCommentIds = { member: eventCommentIdsQuery(true), visitor: eventCommentIdsQuery(false) };

/** Whether the event has any comment at all: one index seek, which spares most pages the visibility rule. */
const anyEventComment = prepared(1, (db: Kysely<Database>, eventId: string) =>
  db.selectFrom("posts").select("id").where("event_id", "=", eventId).where("root_id", "is", null).limit(1),
);

/**
 * An event's discussion: its top-level comments, oldest first (each card links to its own thread).
 * The event gate of the visibility rule hides all of it from whoever may not see the event.
 */
export async function listEventComments(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
  eventId: string,
): Promise<PostCard[]> {
  if ((await anyEventComment(deps.db, eventId)).length === 0) return [];
  const query = viewer ? eventCommentIds.member : eventCommentIds.visitor;
  const rows = await query(deps.db, eventId, viewer?.accountId ?? "");
  return loadPostCards(
    deps,
    viewer,
    rows.map((r) => r.id),
    { alreadyVisible: true },
  );
}
