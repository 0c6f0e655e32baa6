import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, Migrator } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { createPostgresSchema, openDatabase } from "../../src/db/index.ts";
import { migrations } from "../../src/db/migrations/index.ts";
import type { Database } from "../../src/db/schema.ts";

export interface ScratchDatabase {
  db: Kysely<Database>;
  /** Runs the migrations step by step (`migrateTo`), in the scratch schema on PostgreSQL. */
  migrator: Migrator;
  close(): Promise<void>;
}

/**
 * An empty database on the test engine, no migration applied: a directory of its own on SQLite, a
 * schema of its own on PostgreSQL (TEST_DATABASE_URL). For tests of a migration on rows written before it.
 */
export async function scratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), `liens-${prefix}-`));
  const schema = databaseUrl ? `t_${uuidv7().replace(/-/g, "")}` : undefined;
  if (databaseUrl && schema) await createPostgresSchema(databaseUrl, schema);
  const database = await openDatabase({ databaseUrl, dataDir, ...(schema ? { schema, poolSize: 2 } : {}) });
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  return {
    db: database.db,
    migrator,
    close: async () => {
      await database.destroy();
      if (databaseUrl && schema) await createPostgresSchema(databaseUrl, schema, true);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
