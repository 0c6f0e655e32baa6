import { join } from "node:path";
import {
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  sql,
} from "kysely";
import { registerPgArrays, registerSqliteArrays } from "./arrays.ts";
import { AUTOCHECKPOINT_PAGES, registerCheckpointer, startCheckpointer } from "./checkpointer.ts";
import { registerDirectReads } from "./direct.ts";
import { migrations } from "./migrations/index.ts";
import type { Database } from "./schema.ts";
import { SEARCH_MERGE_STEP } from "./search-index.ts";
import { sqliteDialect } from "./sqlite.ts";

export type Engine = "sqlite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  destroy(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… selects PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL only: a schema to use as search_path (tests use one schema per file). */
  schema?: string;
  poolSize?: number;
  /**
   * SQLite, for the processes that run for long (the server, the worker): WAL checkpoints from a
   * thread, and a page cache of LONG_RUNNING_CACHE_MB instead of SQLite's 2 MB, so that the pages
   * every fan-out and rebuild walks through (the upper levels of the timeline and post indexes, the
   * active people's timeline state) stay in memory between statements.
   */
  longRunning?: boolean;
  /**
   * Whether a long-running process checkpoints the WAL from a thread (by default it does). One process
   * a database is enough: beside a separate worker, the server leaves it to the worker, whose
   * fan-outs write most of the WAL and wait on those checkpoints (a second thread would only take
   * turns with the first one, on the server's processor).
   */
  checkpoints?: boolean;
}

/** SQLite's page cache in the server and the worker (it fills only as pages are read). */
const LONG_RUNNING_CACHE_MB = 64;

/** The PostgreSQL driver, loaded only when PostgreSQL is configured. */
async function loadPg() {
  const { default: pg } = await import("pg");
  // int8 (count(*), sums) arrives as a string by default; our counts fit in a double.
  pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
  return pg;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl?.startsWith("postgres")) {
    const pg = await loadPg();
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    registerPgArrays(db, pool);
    return { db, engine: "postgres", destroy: () => db.destroy() };
  }
  const path = options.databaseUrl?.startsWith("sqlite:")
    ? options.databaseUrl.slice("sqlite:".length)
    : join(options.dataDir, "liens.db");
  const { dialect, database } = sqliteDialect(path);
  const db = new Kysely<Database>({ dialect });
  registerSqliteArrays(db, database.raw);
  registerDirectReads(db, database.raw);
  if (!options.longRunning || path === ":memory:")
    return { db, engine: "sqlite", destroy: () => db.destroy() };
  database.raw.exec(
    `PRAGMA wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}; PRAGMA cache_size = -${LONG_RUNNING_CACHE_MB * 1024}`,
  );
  if (options.checkpoints === false) return { db, engine: "sqlite", destroy: () => db.destroy() };
  const checkpointer = startCheckpointer(path, { upkeep: [SEARCH_MERGE_STEP] });
  registerCheckpointer(db, checkpointer);
  return {
    db,
    engine: "sqlite",
    destroy: async () => {
      await checkpointer.stop();
      await db.destroy();
    },
  };
}

const provider: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => migrations,
};

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  // On PostgreSQL, Kysely looks for its own tables in every schema unless told which one: name the
  // current schema, so databases holding several Liens schemas (tests, side-by-side instances) work.
  const migrationTableSchema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Migration ${failed} failed`, { cause: error });
  }
  const applied = (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  if (applied.length > 0 || !(await hasPlannerStatistics(db))) await refreshPlannerStatistics(db);
  return applied;
}

async function hasPlannerStatistics(db: Kysely<Database>): Promise<boolean> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return true;
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db);
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * Keeps the query planner's statistics current: SQLite's recommended `PRAGMA optimize`, which
 * analyzes only the tables that changed a lot since, reading at most `analysis_limit` rows per index.
 * Without statistics SQLite takes `visibility = 'public'` for a selective condition and may read
 * millions of posts instead of looking twenty up by key. Run after migrations (or when there are
 * none yet) and daily (the `db.optimize` job). PostgreSQL's autovacuum analyzes on its own.
 */
export async function refreshPlannerStatistics(db: Kysely<Database>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`PRAGMA analysis_limit = 400`.execute(db);
  await sql`PRAGMA optimize = 0x10002`.execute(db);
}

/** Dialect-specific "create the schema" for PostgreSQL test isolation. */
export async function createPostgresSchema(databaseUrl: string, schema: string, drop = false): Promise<void> {
  const pg = await loadPg();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const name = schema.replace(/[^a-z0-9_]/g, "");
    await client.query(
      drop ? `DROP SCHEMA IF EXISTS ${name} CASCADE` : `CREATE SCHEMA IF NOT EXISTS ${name}`,
    );
  } finally {
    await client.end();
  }
}
