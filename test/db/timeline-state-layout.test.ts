import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Kysely, PostgresAdapter, sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { migrate } from "../../src/db/index.ts";
import type { Database } from "../../src/db/schema.ts";
import { testEngine } from "../helpers/context.ts";
import { insertBareActor, type ScratchDatabase, scratchDatabase } from "../helpers/migrations.ts";

/** Migration 0024 stores the timelines' state by owner on SQLite: every row and version is kept. */
describe(`timeline state layout migration (${testEngine})`, () => {
  let scratch: ScratchDatabase;
  let db: Kysely<Database>;

  before(async () => {
    scratch = await scratchDatabase("state-layout");
    db = scratch.db;
  });
  after(() => scratch.close());

  it("keeps every state row, and the table is in owner order on SQLite", async () => {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    assert.equal((await scratch.migrator.migrateTo("0023_timeline_version_per_write")).error, undefined);
    const at = "2026-01-02T10:00:00.000Z";
    const rows = ["c", "a", "b"].map((handle, i) => ({
      owner_id: uuidv7(),
      handle,
      seen_at: `2026-01-0${i + 1}T08:00:00.000Z`,
      rebuilt_at: `2026-01-0${i + 1}T09:00:00.000Z`,
      version: 7 * i,
    }));
    for (const { owner_id, handle } of rows) await insertBareActor(db, handle, owner_id, at);
    await db
      .insertInto("home_timeline_state")
      .values(rows.map(({ handle: _, ...state }) => state))
      .execute();

    assert.ok((await migrate(db)).includes("0024_timeline_state_by_owner"));
    const kept = await db
      .selectFrom("home_timeline_state")
      .select(["owner_id", "seen_at", "rebuilt_at", "version"])
      .orderBy("owner_id")
      .execute();
    assert.deepEqual(
      kept.map((r) => ({ ...r, version: Number(r.version) })),
      rows.map(({ handle: _, ...state }) => state).sort((x, y) => (x.owner_id < y.owner_id ? -1 : 1)),
    );
    if (!postgres) {
      const table = await sql<{
        wr: number;
      }>`select wr from pragma_table_list('home_timeline_state')`.execute(db);
      assert.equal(Number(table.rows[0]?.wr), 1, "a WITHOUT ROWID table, stored by owner");
    }
    // The owner is still the key: a second row for the same person is refused.
    const first = rows[0] as (typeof rows)[number];
    await assert.rejects(
      db
        .insertInto("home_timeline_state")
        .values({ owner_id: first.owner_id, seen_at: at, rebuilt_at: at })
        .execute(),
    );
  });
});
