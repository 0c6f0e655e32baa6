import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { v7 as uuidv7 } from "uuid";
import { type Config, loadConfig } from "../../src/config.ts";
import { createPostgresSchema, type DatabaseHandle, migrate, openDatabase } from "../../src/db/index.ts";
import { setUpLogging } from "../../src/logging.ts";
import type { Clock, Deps } from "../../src/services/deps.ts";
import { diskStorage } from "../../src/services/storage.ts";
import { createApp } from "../../src/web/app.ts";

/** A clock the test moves by hand. */
export interface TestClock extends Clock {
  set(date: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start = "2026-03-02T09:00:00.000Z"): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (date) => {
      current = new Date(date).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export interface TestContext {
  deps: Deps;
  clock: TestClock;
  app: ReturnType<typeof createApp>;
  database: DatabaseHandle;
  dataDir: string;
  close(): Promise<void>;
}

/** The engine under test: PostgreSQL when TEST_DATABASE_URL is set, else SQLite. */
export const testEngine = process.env.TEST_DATABASE_URL ? "postgres" : "sqlite";

/**
 * A fresh, migrated database (a new SQLite file, or a new PostgreSQL schema) with the real app on top.
 * Password hashing is real scrypt at a low cost so suites stay quick.
 */
export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  // Unexpected errors (500s) are logged to stderr, so a failing test shows why.
  await setUpLogging({ logLevel: "warning" });
  const dataDir = mkdtempSync(join(tmpdir(), "liens-test-"));
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const schema = databaseUrl ? `t_${uuidv7().replace(/-/g, "")}` : undefined;
  if (databaseUrl && schema) await createPostgresSchema(databaseUrl, schema);
  const database = await openDatabase({ databaseUrl, dataDir, ...(schema ? { schema, poolSize: 5 } : {}) });
  await migrate(database.db);
  const clock = testClock();
  const config: Config = {
    ...loadConfig({ NODE_ENV: "test", LIENS_DATA_DIR: dataDir, PUBLIC_URL: "http://localhost:3000" }),
    ...overrides,
  };
  const deps: Deps = {
    db: database.db,
    clock,
    newId: uuidv7,
    config,
    storage: diskStorage(join(dataDir, "media")),
    passwordCost: 10,
  };
  return {
    deps,
    clock,
    app: createApp(deps),
    database,
    dataDir,
    async close() {
      await database.destroy();
      if (databaseUrl && schema) await createPostgresSchema(databaseUrl, schema, true);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
