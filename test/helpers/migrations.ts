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

/**
 * An actor row with only the columns every schema since the first migration requires: for tests that
 * write rows at an older schema, before the migration they check.
 */
export async function insertBareActor(
  db: Kysely<Database>,
  handle: string,
  id: string = uuidv7(),
  at = "2026-01-02T10:00:00.000Z",
): Promise<string> {
  await db
    .insertInto("actors")
    .values({ id, handle, uri: `http://x/${handle}`, display_name: handle, created_at: at, updated_at: at })
    .execute();
  return id;
}

/** A public thread root with only the columns every schema since posts began requires (see above). */
export async function insertBarePost(
  db: Kysely<Database>,
  authorId: string,
  id: string = uuidv7(),
  at = "2026-01-02T10:00:00.000Z",
): Promise<string> {
  await db
    .insertInto("posts")
    .values({
      id,
      author_id: authorId,
      audience_id: authorId,
      body: "b",
      body_ast: "[]",
      visibility: "public",
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}
