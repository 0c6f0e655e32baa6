import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { openDatabase } from "../../src/db/index.ts";

const dir = mkdtempSync(join(tmpdir(), "liens-checkpoint-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("a long-running process's commits leave the WAL to the checkpointing thread, which copies it back", async () => {
  const path = join(dir, "liens.db");
  const database = await openDatabase({
    databaseUrl: `sqlite:${path}`,
    dataDir: dir,
    longRunning: true,
  });
  const { db } = database;
  try {
    await sql`create table filler (id integer primary key, body text not null)`.execute(db);
    await sleep(500);
    const before = statSync(path).size;
    // About 8 MB: past SQLite's own automatic checkpoint (1,000 pages), which would copy it at commit.
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 2000; i++)
        await sql`insert into filler (body) values (${"x".repeat(4000)})`.execute(trx);
    });
    assert.ok(statSync(path).size - before < 1_000_000, "the commit did not checkpoint");
    assert.ok(statSync(`${path}-wal`).size > 8_000_000, "the pages wait in the WAL");
    let size = statSync(path).size;
    for (let i = 0; i < 50 && size - before < 8_000_000; i++) {
      await sleep(100);
      size = statSync(path).size;
    }
    assert.ok(size - before >= 8_000_000, `the thread copied them back (${size - before} bytes)`);
    const [row] = (await sql<{ n: number }>`select count(*) as n from filler`.execute(db)).rows;
    assert.equal(Number(row?.n), 2000);
  } finally {
    await database.destroy();
  }
});
