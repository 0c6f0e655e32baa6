import { type Kysely, SqliteAdapter } from "kysely";
import type { Database } from "../../db/schema.ts";

/** Full-text search differs by engine (FTS5 or tsvector); this is the one place that asks. */
export function isSqlite(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
