import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { type Dialect, SqliteDialect } from "kysely";

/**
 * Kysely's SqliteDialect speaks to a better-sqlite3-shaped object. This adapter gives it one over
 * the built-in `node:sqlite`, so the embedded engine needs no native build step.
 */
type Param = SQLInputValue | boolean | Date;

/** A Kysely parameter as node:sqlite takes it (booleans as 0/1, dates as ISO text). */
export function toSqlite(value: unknown): SQLInputValue {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value as SQLInputValue;
}

class CachedStatement {
  readonly reader: boolean;
  constructor(private readonly statement: StatementSync) {
    this.reader = statement.columns().length > 0;
  }
  all(parameters: readonly Param[]): unknown[] {
    return this.statement.all(...parameters.map(toSqlite));
  }
  run(parameters: readonly Param[]) {
    return this.statement.run(...parameters.map(toSqlite));
  }
  *iterate(parameters: readonly Param[]): IterableIterator<unknown> {
    yield* this.statement.iterate(...parameters.map(toSqlite));
  }
}

const STATEMENT_CACHE_SIZE = 500;

export class NodeSqliteDatabase {
  readonly raw: DatabaseSync;
  private readonly statements = new Map<string, CachedStatement>();

  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.raw = new DatabaseSync(path);
    // WAL lets readers proceed during a write; NORMAL sync is durable across process crashes in WAL mode.
    this.raw.exec(
      "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
    );
  }

  prepare(sql: string): CachedStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      statement = new CachedStatement(this.raw.prepare(sql));
      this.statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.statements.clear();
    if (this.raw.isOpen) this.raw.close();
  }
}

export function sqliteDialect(path: string): { dialect: Dialect; database: NodeSqliteDatabase } {
  const database = new NodeSqliteDatabase(path);
  // biome-ignore lint/suspicious/noExplicitAny: Kysely types the better-sqlite3 shape loosely; ours matches it.
  return { dialect: new SqliteDialect({ database: database as any }), database };
}
