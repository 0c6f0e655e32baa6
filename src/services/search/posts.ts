import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { whereVisibleTo } from "../posts/visible.ts";
import { isSqlite } from "./engine.ts";
import { ftsQuery, tsQuery } from "./query.ts";

export const POSTS_LIMIT = 20;

/**
 * Posts (thread roots and comments) containing every word (whole words, case and accents aside), newest first, that the viewer may see
 * (`whereVisibleTo`: visibility and blocks) and did not mute. SQLite walks the FTS5 index newest rowid
 * first and stops at the limit; PostgreSQL uses the GIN index over to_tsvector.
 */
export async function searchPosts(
  db: Kysely<Database>,
  viewerId: string | null,
  terms: string[],
  limit = POSTS_LIMIT,
): Promise<string[]> {
  if (terms.length === 0) return [];
  let query = db.selectFrom("posts as p").select("p.id").where(whereVisibleTo(viewerId, "p"));
  if (viewerId !== null)
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("mutes as m")
            .select("m.owner_id")
            .where("m.owner_id", "=", viewerId)
            .whereRef("m.target_id", "=", "p.author_id"),
        ),
      ),
    );
  const rows = isSqlite(db)
    ? await query
        .innerJoin(sql<{ rowid: number }>`posts_fts`.as("f"), (join) =>
          join.on(sql<boolean>`p.rowid = f.rowid`),
        )
        .where(sql<boolean>`posts_fts match ${ftsQuery(terms, { whole: true })}`)
        .orderBy(sql`f.rowid`, "desc")
        .limit(limit)
        .execute()
    : await query
        .where(
          sql<boolean>`to_tsvector('simple', p.body) @@ to_tsquery('simple', ${tsQuery(terms, { whole: true })})`,
        )
        .orderBy("p.id", "desc")
        .limit(limit)
        .execute();
  return rows.map((r) => r.id);
}
