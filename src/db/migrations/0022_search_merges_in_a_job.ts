import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * SQLite's full-text index of posts no longer merges its segments in the writes that add them: each
 * post's commit wrote a segment and then merged some, now and then 20 to 35 ms of it inside the
 * request that posted (measured on the bench network, posting at 25 posts a second). A job does the
 * merging instead (src/services/search/merge.ts); a crisis merge, past 64 segments at one level,
 * remains should the job fall behind. PostgreSQL's GIN index needs nothing of the kind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`insert into posts_fts(posts_fts, rank) values ('automerge', 0)`.execute(db);
  await sql`insert into posts_fts(posts_fts, rank) values ('crisismerge', 64)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
