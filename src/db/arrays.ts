import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Compilable, Kysely } from "kysely";
import { toSqlite, whenUnlocked } from "./sqlite.ts";

/**
 * Rows as arrays, in the select list's order: for the few reads of hundreds of thousands of rows
 * (recomputing an owner's ties from the ledger, a page of a few thousand rows at a time), where
 * building one object per row costs more than the query. Each engine reads arrays natively (node:sqlite
 * `setReturnArrays` with `all()`, cheaper per row than `iterate()`; pg `rowMode: "array"`); a database
 * opened elsewhere (or a transaction) gets the same arrays from ordinary rows. On SQLite the read holds
 * Kysely's connection like any query, so it never runs inside another caller's transaction.
 */
type Rows = unknown[][];

interface Runner {
  run(text: string, parameters: readonly unknown[]): Promise<Rows>;
  /** The engine has one connection, shared with Kysely: take it first. */
  exclusive: boolean;
}

const runners = new WeakMap<object, Runner>();

export function registerSqliteArrays(db: object, raw: DatabaseSync): void {
  const statements = new Map<string, StatementSync>();
  const prepare = (text: string): StatementSync => {
    let statement = statements.get(text);
    if (!statement) {
      statement = raw.prepare(text);
      statement.setReturnArrays(true);
      if (statements.size >= 50) statements.clear();
      statements.set(text, statement);
    }
    return statement;
  };
  const run = (text: string, parameters: readonly unknown[]) => {
    const statement = prepare(text);
    return whenUnlocked(raw, () => statement.all(...parameters.map(toSqlite)) as unknown as Rows);
  };
  runners.set(db, { run, exclusive: true });
}

interface ArrayPool {
  query(config: { text: string; values: unknown[]; rowMode: "array" }): Promise<{ rows: Rows }>;
}

export function registerPgArrays(db: object, pool: ArrayPool): void {
  const run = async (text: string, parameters: readonly unknown[]) => {
    const result = await pool.query({ text, values: [...parameters], rowMode: "array" });
    return result.rows;
  };
  runners.set(db, { run, exclusive: false });
}

/** Runs a Kysely select and returns its rows as arrays of column values (keep the result small: page it). */
export async function selectArrays<D>(db: Kysely<D>, query: Compilable): Promise<Rows> {
  const compiled = query.compile();
  const runner = runners.get(db);
  if (runner?.exclusive) {
    return db.connection().execute(() => runner.run(compiled.sql, compiled.parameters));
  }
  if (runner) return runner.run(compiled.sql, compiled.parameters);
  const result = await db.executeQuery(compiled);
  return result.rows.map((row) => Object.values(row as Record<string, unknown>));
}
