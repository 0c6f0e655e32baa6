import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { walBacklog } from "../../src/db/checkpointer.ts";
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

test("the thread tells how far the WAL is ahead of it: a reader's snapshot holds it back, then it catches up", async () => {
  const path = join(dir, "backlog.db");
  const database = await openDatabase({ databaseUrl: `sqlite:${path}`, dataDir: dir, longRunning: true });
  const { db } = database;
  const reader = new DatabaseSync(path);
  const waitFor = async (done: () => boolean) => {
    for (let i = 0; i < 50 && !done(); i++) await sleep(100);
    return done();
  };
  try {
    await sql`create table filler (id integer primary key, body text not null)`.execute(db);
    assert.ok(await waitFor(() => walBacklog(db) === 0), "nothing waits at first");
    // A reader's snapshot: the pages written after it cannot be copied back while it lasts.
    reader.exec("begin");
    reader.prepare("select count(*) from filler").get();
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 100; i++)
        await sql`insert into filler (body) values (${"x".repeat(4000)})`.execute(trx);
    });
    assert.ok(await waitFor(() => walBacklog(db) >= 100), `100 pages wait (${walBacklog(db)})`);
    reader.exec("commit");
    assert.ok(await waitFor(() => walBacklog(db) === 0), `then none (${walBacklog(db)})`);
  } finally {
    reader.close();
    await database.destroy();
  }
  assert.equal(walBacklog({}), 0, "a database without the thread has no backlog");
});
