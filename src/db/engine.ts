import { type Kysely, SqliteAdapter } from "kysely";

/**
 * Whether `db` is the embedded engine, for the few services whose way (not only whose SQL) differs
 * by engine: full-text search (FTS5 or tsvector), and writers sharing SQLite's one lock.
 */
export function isSqlite<D>(db: Kysely<D>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
