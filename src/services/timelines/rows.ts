import { batchStatement } from "../../db/batch-statement.ts";
import type { Database } from "../../db/schema.ts";

/** A row of `home_timeline`: an entry of its owner's stored home timeline. */
export interface TimelineRow {
  owner_id: string;
  entry_id: string;
  post_id: string;
  source_id: string;
}

/**
 * Inserts timeline rows (a row already there stays as it is), up to `maxRows` per statement, compiled
 * once per size (db/batch-statement.ts): building Kysely's tree of a 400-row insert cost as much as
 * writing the rows.
 */
export function timelineRowsWriter(maxRows: number) {
  return batchStatement<Database, TimelineRow>(
    ["owner_id", "entry_id", "post_id", "source_id"],
    (db, rows) =>
      db
        .insertInto("home_timeline")
        .values(rows)
        .onConflict((oc) => oc.doNothing()),
    maxRows,
  );
}
