import { type Kysely, sql } from "kysely";
import { isSqlite } from "../../db/engine.ts";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import { whereVisibleTo } from "../posts/visible.ts";
import { ftsQuery, tsQuery } from "./query.ts";

export const POSTS_LIMIT = 20;

/**
 * Posts containing the words of `match`, newest first, that `me` may see (`whereVisibleTo`: visibility
 * and blocks) and did not mute. Compiled once per database (the visibility rule's tree costs more to
 * build than the search takes to run); `me` and the words are parameters. SQLite walks the FTS5 index
 * newest rowid first and stops at the limit; PostgreSQL uses the GIN index over to_tsvector.
 */
const matchingPosts = (signedIn: boolean) =>
  prepared(2, (db: Kysely<Database>, me: string, match: string) => {
    let query = db
      .selectFrom("posts as p")
      .select("p.id")
      .where(whereVisibleTo(signedIn ? me : null, "p"));
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
    return isSqlite(db)
      ? query
          .innerJoin(sql<{ rowid: number }>`posts_fts`.as("f"), (join) =>
            join.on(sql<boolean>`p.rowid = f.rowid`),
          )
          .where(sql<boolean>`posts_fts match ${match}`)
          .orderBy(sql`f.rowid`, "desc")
          .limit(POSTS_LIMIT)
      : query
          .where(sql<boolean>`to_tsvector('simple', p.body) @@ to_tsquery('simple', ${match})`)
          .orderBy("p.id", "desc")
          .limit(POSTS_LIMIT);
  });
const forMembers = matchingPosts(true);
const forVisitors = matchingPosts(false);

/**
 * Posts (thread roots and comments) containing every word (whole words, case and accents aside),
 * newest first, at most POSTS_LIMIT, that the viewer may see and did not mute.
 */
export async function searchPosts(
  db: Kysely<Database>,
  viewerId: string | null,
  terms: string[],
): Promise<string[]> {
  if (terms.length === 0) return [];
  const match = isSqlite(db) ? ftsQuery(terms, { whole: true }) : tsQuery(terms, { whole: true });
  const rows = viewerId === null ? await forVisitors(db, "", match) : await forMembers(db, viewerId, match);
  return rows.map((r) => r.id);
}
