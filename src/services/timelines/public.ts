import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { normalizeTag } from "../../domain/posts/text.ts";
import { whereVisibleTo } from "../posts/visible.ts";
import { PAGE_SIZE } from "./entries.ts";
import type { EntryPage } from "./home.ts";

/** Hides what the viewer muted (a signed-in viewer only). */
export function notMuted(viewerId: string | null) {
  // biome-ignore lint/suspicious/noExplicitAny: applied to queries over posts aliased "p".
  return (eb: any) =>
    viewerId === null
      ? sql<boolean>`1 = 1`
      : eb.not(
          eb.exists(
            eb
              .selectFrom("mutes as m")
              .select("m.owner_id")
              .where("m.owner_id", "=", viewerId)
              .whereRef("m.target_id", "=", "p.author_id"),
          ),
        );
}

/**
 * A hashtag as written in a link (letters with their marks, digits and underscores, after any "#" it
 * was pasted with), as its key: /tags/Café, /tags/%23café and /tags/cafe are the page of "cafe"
 * (normalizeTag). Null for anything else ("#", "!!!", "café bar"): no hashtag.
 */
export function hashtagOrNull(raw: string | null | undefined): string | null {
  const written = (raw ?? "").replace(/^#+/, "");
  if (!/^[\p{L}\p{M}\p{N}_]{1,100}$/u.test(written)) return null;
  const tag = normalizeTag(written);
  return tag === "" ? null : tag;
}

/**
 * The one address of a hashtag's page, from its key or the tag as typed (a post's tree stored before
 * keys were folded still says "café"): every link the app draws goes there, never through the
 * redirect the page answers other spellings with.
 */
export function hashtagPath(tag: string): string {
  return `/tags/${encodeURIComponent(normalizeTag(tag))}`;
}

/** The instance's public timeline: every public thread root, newest first, minus blocks and mutes. */
export async function publicEntries(
  db: Kysely<Database>,
  viewerId: string | null,
  options: { before?: string | null; limit?: number } = {},
): Promise<EntryPage> {
  const limit = options.limit ?? PAGE_SIZE;
  let query = db
    .selectFrom("posts as p")
    .select(["p.id", "p.author_id"])
    // Read in order from posts_public_order (visibility, parent_id, id): no sort of every thread root.
    .where("p.visibility", "=", "public")
    .where("p.parent_id", "is", null)
    .where("p.event_id", "is", null)
    .where(whereVisibleTo(viewerId, "p"))
    .where(notMuted(viewerId));
  if (options.before) query = query.where("p.id", "<", options.before);
  const rows = await query
    .orderBy("p.id", "desc")
    .limit(limit + 1)
    .execute();
  const entries = rows.slice(0, limit).map((r) => ({ entryId: r.id, postId: r.id, sourceId: r.author_id }));
  return { entries, next: rows.length > limit ? (entries.at(-1)?.entryId ?? null) : null };
}

/** A hashtag's cursor: the post's time and id (the hashtag index's order). */
export function tagCursor(createdAt: string, postId: string): string {
  return `${createdAt}_${postId}`;
}

/** A hashtag cursor's time and post id, or null when it is not one (never sent to SQL as it came). */
export function parseTagCursor(value: string | null | undefined): [string, string] | null {
  const match = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)_([0-9a-f-]{36})$/i.exec(value ?? "");
  return match ? [match[1] as string, match[2] as string] : null;
}

/** Posts carrying a hashtag (thread roots and replies) that the viewer may see, newest first. */
export async function hashtagEntries(
  db: Kysely<Database>,
  viewerId: string | null,
  tag: string,
  options: { before?: string | null; limit?: number } = {},
): Promise<EntryPage> {
  const limit = options.limit ?? PAGE_SIZE;
  const cursor = parseTagCursor(options.before);
  let query = db
    .selectFrom("post_hashtags as h")
    .innerJoin("posts as p", "p.id", "h.post_id")
    .select(["h.post_id", "h.created_at", "p.author_id"])
    .where("h.tag", "=", tag)
    .where(whereVisibleTo(viewerId, "p"))
    .where(notMuted(viewerId));
  if (cursor)
    query = query.where((eb) =>
      eb(eb.refTuple("h.created_at", "h.post_id"), "<", eb.tuple(cursor[0], cursor[1])),
    );
  const rows = await query
    .orderBy("h.created_at", "desc")
    .orderBy("h.post_id", "desc")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map((r) => ({ entryId: r.post_id, postId: r.post_id, sourceId: r.author_id })),
    next: rows.length > limit && last ? tagCursor(last.created_at, last.post_id) : null,
  };
}
