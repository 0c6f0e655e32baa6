/**
 * The imports' multi-row inserts: compiled once per engine and row count (db/batch-statement.ts),
 * and kept small on purpose. Kysely builds one node per row, all alive while the statement compiles;
 * once V8 sees a hundred or more objects of one allocation site survive a young collection together,
 * it allocates every later object of that site straight into the old generation ("pretenuring"), so
 * that every later insert (the ledger's too) fills the old generation with garbage and the process's
 * memory grows with the import. Statements of at most 64 rows never show V8 a hundred of them (and
 * a template keeps only its SQL).
 */
import type { Compilable, Kysely } from "kysely";
import { batchStatement } from "../../db/batch-statement.ts";
import type { Database } from "../../db/schema.ts";

/** Rows per statement, at most (the ledger's inserts are given as many facts at a time). */
export const STATEMENT_ROWS = 64;

/** A multi-row insert of `columns` (every row gives each of them), built by `build`. */
export function insertStatement<Row extends object>(
  columns: readonly (keyof Row & string)[],
  build: (db: Kysely<Database>, rows: Row[]) => Compilable,
): (db: Kysely<Database>, rows: readonly Row[]) => Promise<void> {
  return batchStatement<Database, Row>(columns, build, STATEMENT_ROWS);
}
