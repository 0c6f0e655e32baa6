import { type Kysely, sql } from "kysely";
import { isSqlite } from "../../db/engine.ts";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import { pgSearchDocument } from "../../db/search-index.ts";
import { whereVisibleTo } from "../posts/visible.ts";
import { ftsQuery, tsQuery } from "./query.ts";

export const POSTS_LIMIT = 20;

/**
 * Posts containing the words of `match`, newest first, that `me` may see (`whereVisibleTo`: visibility
 * and blocks) and did not mute, one more than a page (to know whether another follows), from `after`
 * on (a page's last cursor: the full-text row id on SQLite, the post id on PostgreSQL). Compiled once
 * per database and shape (the visibility rule's tree costs more to build than the search takes to
 * run); `me`, the words and the cursor are parameters. SQLite walks the FTS5 index newest rowid first
 * (from the cursor down) and stops at the limit; PostgreSQL uses the GIN index over its folded words.
 */
const matchingPosts = (signedIn: boolean, withCursor: boolean) =>
  prepared(3, (db: Kysely<Database>, me: string, match: string, after: string) => {
    let query = db.selectFrom("posts as p").where(whereVisibleTo(signedIn ? me : null, "p"));
    if (signedIn)
      query = query.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("mutes as m")
              .select("m.owner_id")
              .where("m.owner_id", "=", me)
              .whereRef("m.target_id", "=", "p.author_id"),
          ),
        ),
      );
    if (isSqlite(db)) {
      let sqlite = query
        .innerJoin(sql<{ rowid: number }>`posts_fts`.as("f"), (join) =>
          join.on(sql<boolean>`p.rowid = f.rowid`),
        )
        .select(["p.id", sql<number>`f.rowid`.as("cursor")])
        .where(sql<boolean>`posts_fts match ${match}`);
      if (withCursor) sqlite = sqlite.where(sql<boolean>`f.rowid < cast(${after} as integer)`);
      return sqlite.orderBy(sql`f.rowid`, "desc").limit(POSTS_LIMIT + 1);
    }
    let postgres = query
      .select(["p.id", "p.id as cursor"])
      .where(sql<boolean>`${pgSearchDocument(sql.ref("p.body"))} @@ to_tsquery('simple', ${match})`);
    if (withCursor) postgres = postgres.where("p.id", "<", after);
    return postgres.orderBy("p.id", "desc").limit(POSTS_LIMIT + 1);
  });
const QUERIES = {
  member: { first: matchingPosts(true, false), next: matchingPosts(true, true) },
  visitor: { first: matchingPosts(false, false), next: matchingPosts(false, true) },
};

/** A search's cursor as its engine writes it (a row id, or a post id); anything else is none. */
export function postsCursorOrNull(db: Kysely<Database>, value: string | null | undefined): string | null {
  if (!value) return null;
  if (isSqlite(db)) return /^[1-9]\d{0,17}$/.test(value) ? value : null;
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
    ? value.toLowerCase()
    : null;
}

export interface PostHits {
  /** Post ids, newest first. */
  ids: string[];
  /** The cursor of the next page, or null when this one is the last. */
  next: string | null;
}

/**
 * Posts (thread roots and comments) containing every word (whole words, case and accents aside, in
 * the singular or the plural: "cafe" finds "Cafés"), newest first, a page of POSTS_LIMIT (after
 * `after`, a previous page's `next`), that the viewer may see and did not mute.
 */
export async function searchPostsPage(
  db: Kysely<Database>,
  viewerId: string | null,
  terms: string[],
  after: string | null = null,
): Promise<PostHits> {
  if (terms.length === 0) return { ids: [], next: null };
  const match = isSqlite(db) ? ftsQuery(terms, { forms: true }) : tsQuery(terms, { forms: true });
  const cursor = postsCursorOrNull(db, after);
  const queries = viewerId === null ? QUERIES.visitor : QUERIES.member;
  const run = cursor === null ? queries.first : queries.next;
  const rows = await run(db, viewerId ?? "", match, cursor ?? "");
  const page = rows.slice(0, POSTS_LIMIT);
  const last = page.at(-1);
  return {
    ids: page.map((r) => r.id),
    next: rows.length > POSTS_LIMIT && last ? String(last.cursor) : null,
  };
}
