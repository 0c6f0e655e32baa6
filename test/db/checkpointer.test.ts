import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import {
  CHECKPOINT_INTERVAL_MS,
  checkpointSoon,
  registerCheckpointer,
  startCheckpointer,
  upkeepSoon,
  walState,
} from "../../src/db/checkpointer.ts";
import { openDatabase } from "../../src/db/index.ts";
import { SEARCH_MERGE_STEP } from "../../src/db/search-index.ts";
import { openWalIndex } from "../../src/db/wal-index.ts";

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

test("the WAL's length and backlog are known at once: a reader's snapshot holds the thread back, then it catches up", async () => {
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
    assert.ok(await waitFor(() => walState(db).backlog === 0), "nothing waits at first");
    // A reader's snapshot: the pages written after it cannot be copied back while it lasts.
    reader.exec("begin");
    reader.prepare("select count(*) from filler").get();
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 100; i++)
        await sql`insert into filler (body) values (${"x".repeat(4000)})`.execute(trx);
    });
    // Read from the wal-index as the commit left it, before any checkpoint.
    assert.ok(walState(db).frames >= 100, `100 pages in the WAL (${walState(db).frames})`);
    assert.ok(walState(db).backlog >= 100, `100 pages wait (${walState(db).backlog})`);
    await sleep(3 * CHECKPOINT_INTERVAL_MS);
    assert.ok(walState(db).backlog >= 100, `and keep waiting (${walState(db).backlog})`);
    reader.exec("commit");
    assert.ok(await waitFor(() => walState(db).backlog === 0), `then none (${walState(db).backlog})`);
  } finally {
    reader.close();
    await database.destroy();
  }
  assert.equal(walState({}).backlog, 0, "a database without the thread has no backlog");
});

test("a writer that cannot wait for the next round wakes the thread, and the WAL starts over after it", async () => {
  const path = join(dir, "soon.db");
  const writer = new DatabaseSync(path);
  writer.exec("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0");
  writer.exec("create table filler (id integer primary key, body text not null)");
  // Far longer than the test: only a wake-up makes it checkpoint.
  const checkpointer = startCheckpointer(path, { intervalMs: 60_000 });
  const handle = {};
  registerCheckpointer(handle, checkpointer);
  try {
    await sleep(100);
    const insert = writer.prepare("insert into filler (body) values (?)");
    writer.exec("begin");
    for (let i = 0; i < 200; i++) insert.run("x".repeat(4000));
    writer.exec("commit");
    const before = walState(handle);
    assert.ok(before.frames >= 200 && before.backlog >= 200, JSON.stringify(before));
    checkpointSoon(handle);
    for (let i = 0; i < 100 && walState(handle).backlog > 0; i++) await sleep(10);
    assert.equal(walState(handle).backlog, 0, "copied back within a second");
    assert.equal(
      walState(handle).frames,
      before.frames,
      "the WAL keeps its pages until a writer starts over",
    );
    insert.run("after");
    assert.ok(
      walState(handle).frames < 10,
      `the next transaction starts the WAL over (${walState(handle).frames})`,
    );
  } finally {
    await checkpointer.stop();
    writer.close();
  }
});

test("beside a process that checkpoints, a process told not to starts no thread: its commits wait in the WAL for the other's", async () => {
  const path = join(dir, "beside.db");
  const server = await openDatabase({
    databaseUrl: `sqlite:${path}`,
    dataDir: dir,
    longRunning: true,
    checkpoints: false,
  });
  try {
    await sql`create table filler (id integer primary key, body text not null)`.execute(server.db);
    await server.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 200; i++)
        await sql`insert into filler (body) values (${"x".repeat(4000)})`.execute(trx);
    });
    await sleep(3 * CHECKPOINT_INTERVAL_MS);
    const wal = openWalIndex(path);
    try {
      assert.ok(wal.progress().backlog >= 200, `nothing copied back (${JSON.stringify(wal.progress())})`);
      const worker = await openDatabase({ databaseUrl: `sqlite:${path}`, dataDir: dir, longRunning: true });
      try {
        for (let i = 0; i < 50 && wal.progress().backlog > 0; i++) await sleep(100);
        assert.equal(wal.progress().backlog, 0, "the other process's thread copied them back");
      } finally {
        await worker.destroy();
      }
    } finally {
      wal.close();
    }
  } finally {
    await server.destroy();
  }
});

test("asked to, the thread runs its upkeep statements until they change nothing: a full-text index merged off the event loop", async () => {
  const path = join(dir, "upkeep.db");
  const writer = new DatabaseSync(path);
  writer.exec("PRAGMA journal_mode = WAL; create virtual table posts_fts using fts5(body)");
  writer.exec("insert into posts_fts(posts_fts, rank) values ('automerge', 0)");
  const insert = writer.prepare("insert into posts_fts(body) values (?)");
  for (let i = 0; i < 12; i++) insert.run(`lantern number ${i}`);
  const segments = () =>
    Number(writer.prepare("select count(distinct segid) as n from posts_fts_idx").get()?.n);
  assert.equal(segments(), 12, "a segment a write");
  const checkpointer = startCheckpointer(path, { intervalMs: 60_000, upkeep: [SEARCH_MERGE_STEP] });
  const handle = {};
  registerCheckpointer(handle, checkpointer);
  try {
    await sleep(100);
    assert.equal(segments(), 12, "nothing merged before it is asked");
    assert.equal(upkeepSoon(handle), true);
    for (let i = 0; i < 100 && segments() > 3; i++) await sleep(20);
    assert.ok(segments() <= 3, `merged into ${segments()} segments`);
    assert.equal(
      Number(writer.prepare("select count(*) as n from posts_fts where posts_fts match 'lantern'").get()?.n),
      12,
    );
    assert.equal(upkeepSoon({}), false, "a database without the thread: the caller does it");
  } finally {
    await checkpointer.stop();
    writer.close();
  }
});
