import type { Deps, Viewer } from "../deps.ts";
import { loadPostCards, type PostCard } from "./cards.ts";
import { whereVisibleTo } from "./visible.ts";

export const PROFILE_PAGE_SIZE = 20;

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
  let query = deps.db
    .selectFrom("posts")
    .select(["id", "created_at"])
    .where("author_id", "=", authorId)
    .where("root_id", "is", null)
    .where("event_id", "is", null)
    .where(whereVisibleTo(viewer?.accountId ?? null));
  const cursor = readCursor(options.before);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb("created_at", "<", cursor.at),
        eb.and([eb("created_at", "=", cursor.at), eb("id", "<", cursor.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
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

/**
 * An event's discussion: its top-level comments, oldest first (each card links to its own thread).
 * The event gate of the visibility rule hides all of it from whoever may not see the event.
 */
export async function listEventComments(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
  eventId: string,
): Promise<PostCard[]> {
  const rows = await deps.db
    .selectFrom("posts")
    .select("id")
    .where("event_id", "=", eventId)
    .where("root_id", "is", null)
    .where(whereVisibleTo(viewer?.accountId ?? null))
    .orderBy("created_at")
    .orderBy("id")
    .limit(EVENT_COMMENTS_LIMIT)
    .execute();
  return loadPostCards(
    deps,
    viewer,
    rows.map((r) => r.id),
    { alreadyVisible: true },
  );
}
