/**
 * One step of merging the segments of SQLite's full-text index of posts (FTS5's 'merge' command: 8
 * pages of merged output, 1.7 ms at the median on the bench network), where a level holds several.
 * Its writes add segments without merging any (migration 0022); the `search.merge` job runs this
 * step, a few times after writes — in the database's thread (db/checkpointer.ts) where there is one.
 */
export const SEARCH_MERGE_STEP = "insert into posts_fts(posts_fts, rank) values ('merge', 8)";
