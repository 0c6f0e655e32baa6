import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { migrate, openDatabase } from "../../src/db/index.ts";
import { testEngine } from "../helpers/context.ts";

/** SQLite's write-ahead log is copied back by a thread of its own, not inside the web process's commits. */
describe("WAL checkpoints (SQLite)", { skip: testEngine !== "sqlite" }, () => {
  it("are not run by commits, and the checkpoint thread copies the log back", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "liens-checkpoint-"));
    const database = await openDatabase({ dataDir });
    try {
      await migrate(database.db);
      const mode = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(database.db);
      assert.equal(Number(mode.rows[0]?.wal_autocheckpoint), 0, "commits never checkpoint");
      // Far more than SQLite's automatic threshold (1,000 pages), in many commits.
      for (let i = 0; i < 60; i++) {
        await database.db.transaction().execute(async (tx) => {
          const rows = Array.from({ length: 50 }, (_, j) => ({ key: `k${i}-${j}`, value: "x".repeat(2000) }));
          await tx.insertInto("instance_settings").values(rows).execute();
        });
      }
      const wal = statSync(join(dataDir, "liens.db-wal")).size;
      assert.ok(wal > 4_000_000, "the log holds the writes");
      // Within a few seconds the thread has copied the log's pages into the database file.
      const file = () => statSync(join(dataDir, "liens.db")).size;
      for (let attempt = 0; attempt < 40 && file() < 4_000_000; attempt++) await sleep(250);
      assert.ok(file() > 4_000_000, `the database file holds the writes (${file()} bytes, log ${wal})`);
    } finally {
      await database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
