import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import { isSqlite } from "./engine.ts";

/**
 * `column IN (values)` with the values bound as one parameter: a JSON array read by `json_each` on
 * SQLite, an array on PostgreSQL. The statement's text is then the same whatever their number, so it
 * is prepared once rather than once per length of list, and a thousand people followed are one
 * parameter instead of a thousand (on the bench network, a rebuild's read of 400 entries for someone
 * following 400 to 1,000 people: 2.3 -> 1.75 ms). For long lists of ids; both engines seek the
 * column's index once per value, as with a list written out.
 */
export function inList<D>(db: Kysely<D>, column: string, values: readonly string[]): Expression<SqlBool> {
  return isSqlite(db)
    ? sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`
    : sql<SqlBool>`${sql.ref(column)} = any(${[...values]}::text[])`;
}
