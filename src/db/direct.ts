import type { DatabaseSync, StatementSync } from "node:sqlite";
import { isBusy, toSqlite } from "./sqlite.ts";

/**
 * Synchronous reads on the embedded engine, for the compiled-once queries on every page's path
 * (src/db/prepared.ts). Going through Kysely costs a connection hand-over and a chain of promises per
 * statement — as much as a small indexed read itself. A statement may run directly only when no
 * transaction is open on the one connection (it would otherwise read another caller's uncommitted
 * writes): JavaScript being single-threaded, none can open while it runs. Otherwise, or on PostgreSQL,
 * the caller goes through Kysely.
 */
export interface DirectReader {
  /** The rows, or null when the statement must wait: for the connection (a transaction is open) or a lock. */
  all(sql: string, parameters: readonly unknown[]): unknown[] | null;
  /** The same, each row as an array of its columns in order: no object built per row. */
  tuples(sql: string, parameters: readonly unknown[]): unknown[][] | null;
}

/** The rows, or null when another connection holds a lock the read needs: Kysely waits for it. */
function unlessBusy<T>(read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    if (isBusy(error)) return null;
    throw error;
  }
}

const readers = new WeakMap<object, DirectReader>();
const STATEMENT_CACHE_SIZE = 200;

export function registerDirectReads(db: object, raw: DatabaseSync): void {
  const statementCache = (arrays: boolean) => {
    const statements = new Map<string, StatementSync>();
    return (sql: string): StatementSync => {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statement = raw.prepare(sql);
        if (arrays) statement.setReturnArrays(true);
        statements.set(sql, statement);
      }
      return statement;
    };
  };
  const asObjects = statementCache(false);
  const asArrays = statementCache(true);
  readers.set(db, {
    all(sql, parameters) {
      if (raw.isTransaction) return null;
      return unlessBusy(() => asObjects(sql).all(...parameters.map(toSqlite)));
    },
    tuples(sql, parameters) {
      if (raw.isTransaction) return null;
      return unlessBusy(() => asArrays(sql).all(...parameters.map(toSqlite)) as unknown as unknown[][]);
    },
  });
}

export function directReader(db: object): DirectReader | undefined {
  return readers.get(db);
}
