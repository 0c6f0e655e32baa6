import { type RawBuilder, sql } from "kysely";

/**
 * One step of merging the segments of SQLite's full-text index of posts (FTS5's 'merge' command: 8
 * pages of merged output, 1.7 ms at the median on the bench network), where a level holds several.
 * Its writes add segments without merging any (migration 0022); the `search.merge` job runs this
 * step, a few times after writes — in the database's thread (db/checkpointer.ts) where there is one.
 */
export const SEARCH_MERGE_STEP = "insert into posts_fts(posts_fts, rank) values ('merge', 8)";

/**
 * PostgreSQL's words of a searched text: `to_tsvector('simple', …)` of the text with the accents of
 * Latin letters removed, as domain/text/fold.ts folds a query (SQLite's tokenizer does it itself).
 * The GIN indexes posts_search and actors_search are built over exactly this expression (migration
 * 0031): a query must use it as it is for the planner to use them.
 */
export function pgSearchDocument(text: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`to_tsvector('simple', normalize(regexp_replace(normalize(${text}, NFD), '([A-Za-z])[\\u0300-\\u036f]+', '\\1', 'g'), NFC))`;
}

/**
 * PostgreSQL's words of a person people search finds, over `actors as a`: handle, display name and
 * the headline if it is public (migration 0032 builds actors_search over this expression).
 */
export const pgPeopleDocument = pgSearchDocument(
  sql`a.handle || ' ' || a.display_name || ' ' || a.public_headline`,
);
