import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import type { Compilable, Kysely } from "kysely";

/**
 * Rows as arrays, in the select list's order, handed one by one to a callback: for the few reads of
 * hundreds of thousands of rows (recomputing an owner's ties from the ledger), where building one
 * object per row, and keeping them all alive at once, costs more than the query. On SQLite the rows
 * are iterated (each dies young unless the caller keeps it). Each engine reads arrays natively
 * (node:sqlite `setReturnArrays`, pg `rowMode: "array"`);
 * a database opened elsewhere (or a transaction) gets the same arrays from ordinary rows. On SQLite the
 * read holds Kysely's connection like any query, so it never runs inside another caller's transaction.
 */
type OnRow = (row: unknown[]) => void;

interface Runner {
  run(text: string, parameters: readonly unknown[], onRow: OnRow): Promise<void>;
  /** The engine has one connection, shared with Kysely: take it first. */
  exclusive: boolean;
}

const runners = new WeakMap<object, Runner>();

function toSqlite(value: unknown): SQLInputValue {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value as SQLInputValue;
}

export function registerSqliteArrays(db: object, raw: DatabaseSync): void {
  const statements = new Map<string, StatementSync>();
  const run = async (text: string, parameters: readonly unknown[], onRow: OnRow) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = raw.prepare(text);
      statement.setReturnArrays(true);
      if (statements.size >= 50) statements.clear();
      statements.set(text, statement);
    }
    for (const row of statement.iterate(...parameters.map(toSqlite))) onRow(row as unknown as unknown[]);
  };
  runners.set(db, { run, exclusive: true });
}

interface ArrayPool {
  query(config: { text: string; values: unknown[]; rowMode: "array" }): Promise<{ rows: unknown[][] }>;
}

export function registerPgArrays(db: object, pool: ArrayPool): void {
  const run = async (text: string, parameters: readonly unknown[], onRow: OnRow) => {
    const result = await pool.query({ text, values: [...parameters], rowMode: "array" });
    for (const row of result.rows) onRow(row);
  };
  runners.set(db, { run, exclusive: false });
}

/** Runs a Kysely select and calls `onRow` with each row as an array of column values. */
export async function forEachArray<D>(db: Kysely<D>, query: Compilable, onRow: OnRow): Promise<void> {
  const compiled = query.compile();
  const runner = runners.get(db);
  if (runner?.exclusive) {
    await db.connection().execute(() => runner.run(compiled.sql, compiled.parameters, onRow));
    return;
  }
  if (runner) return runner.run(compiled.sql, compiled.parameters, onRow);
  const result = await db.executeQuery(compiled);
  for (const row of result.rows) onRow(Object.values(row as Record<string, unknown>));
}
