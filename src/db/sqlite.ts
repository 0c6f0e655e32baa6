import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { setTimeout as sleep } from "node:timers/promises";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  SqliteDialect,
  SqliteDriver,
} from "kysely";

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

/** SQLITE_BUSY, with any extended code: another connection (a process or a thread) holds the lock. */
export function isBusy(error: unknown): boolean {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  return typeof errcode === "number" && (errcode & 0xff) === 5;
}

/** How often a statement that found the lock taken tries again, and for how long. */
export const LOCK_RETRY_MS = 1;
/**
 * How long a long writer (a fan-out, an index merge) leaves the lock free between two transactions:
 * longer than a waiting write waits between two tries (on a timer that may fire late), so that any
 * write that found the lock taken gets it at its next try.
 */
export const LOCK_HANDOVER_MS = 2 * LOCK_RETRY_MS + 1;
const LOCK_WAIT_MS = 5000;

/**
 * Runs `statement` until it gets the lock it needs, waiting between two tries on a timer, so that the
 * event loop goes on serving meanwhile. SQLite's own busy handler would sleep the thread instead —
 * 1, 2, 5, 10… ms at a time, during which the process answers nothing. Only outside a transaction:
 * a statement that failed there changed nothing, and one that needs a lock it has not got inside a
 * transaction cannot wait for it (transactions take it at their start: BEGIN IMMEDIATE).
 */
export async function whenUnlocked<T>(raw: DatabaseSync, statement: () => T | Promise<T>): Promise<T> {
  const deadline = performance.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return await statement();
    } catch (error) {
      if (!isBusy(error) || raw.isTransaction || performance.now() > deadline) throw error;
    }
    await sleep(LOCK_RETRY_MS);
  }
}

export class NodeSqliteDatabase {
  readonly raw: DatabaseSync;
  private readonly statements = new Map<string, CachedStatement>();

  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.raw = new DatabaseSync(path);
    // WAL lets readers proceed during a write; NORMAL sync is durable across process crashes in WAL mode.
    // Temporary storage in memory: a multi-row insert in a transaction keeps a statement journal (the
    // pages it changes, to undo it alone), which past 64 KB went to a temporary file — a write syscall
    // per page, a fifth of a fan-out's time (measured with perf on the bench network).
    // Opening may wait for the lock in SQLite's busy handler (another process starting, or recovering
    // the WAL after a crash): nothing is served yet. Then no busy timeout: a statement that finds the
    // lock taken waits on a timer (`whenUnlocked`).
    this.raw.exec(
      "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA busy_timeout = 0;",
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

/** Kysely's connection, each statement run when the lock is free (`whenUnlocked`). */
class LockWaitingConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly raw: DatabaseSync,
  ) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return whenUnlocked(this.raw, () => this.inner.executeQuery<R>(query));
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

const BEGIN_IMMEDIATE = CompiledQuery.raw("begin immediate");

/**
 * Kysely's SQLite driver, but transactions take the write lock at their start (BEGIN IMMEDIATE),
 * waiting for it on the event loop. A deferred BEGIN would take it at the first write, where another
 * process's commit in between fails the transaction (SQLITE_BUSY_SNAPSHOT) and no wait can help.
 */
class LockWaitingDriver extends SqliteDriver implements Driver {
  private connection: LockWaitingConnection | undefined;
  constructor(private readonly database: NodeSqliteDatabase) {
    super({ database: database as never });
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    this.connection ??= new LockWaitingConnection(inner, this.database.raw);
    return this.connection;
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(BEGIN_IMMEDIATE);
  }
}

class NodeSqliteDialect extends SqliteDialect {
  constructor(private readonly database: NodeSqliteDatabase) {
    super({ database: database as never });
  }
  override createDriver(): Driver {
    return new LockWaitingDriver(this.database);
  }
}

export function sqliteDialect(path: string): { dialect: Dialect; database: NodeSqliteDatabase } {
  const database = new NodeSqliteDatabase(path);
  return { dialect: new NodeSqliteDialect(database), database };
}
