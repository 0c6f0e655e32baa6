import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { type Kysely, sql } from "kysely";
import { directReader } from "../../src/db/direct.ts";
import { openDatabase } from "../../src/db/index.ts";
import type { Database } from "../../src/db/schema.ts";

// Another process (a `liens worker`) holding SQLite's write lock, played by a second connection.
const dir = mkdtempSync(join(tmpdir(), "liens-lock-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `body` with our database and a second connection to its file, then closes both. */
async function withTwoConnections(
  name: string,
  body: (db: Kysely<Database>, other: DatabaseSync) => Promise<void>,
): Promise<void> {
  const path = join(dir, `${name}.db`);
  const database = await openDatabase({ databaseUrl: `sqlite:${path}`, dataDir: dir });
  await sql`create table notes (id integer primary key, body text not null)`.execute(database.db);
  const other = new DatabaseSync(path);
  try {
    await body(database.db, other);
  } finally {
    other.close();
    await database.destroy();
  }
}

/** Counts the event loop's turns until `until` settles: how many a wait let other work run. */
async function turnsDuring(until: Promise<unknown>): Promise<number> {
  let settled = false;
  void until.finally(() => {
    settled = true;
  });
  let turns = 0;
  while (!settled) {
    await sleep(1);
    turns++;
  }
  return turns;
}

test("a write that finds the lock taken waits for it on the event loop, then succeeds", async () => {
  await withTwoConnections("waits", async (db, other) => {
    other.exec("begin immediate; insert into notes (body) values ('theirs')");
    const write = sql`insert into notes (body) values ('ours')`.execute(db);
    const release = sleep(60).then(() => other.exec("commit"));
    const turns = await turnsDuring(write);
    await release;
    // SQLite's own busy handler would sleep the thread: no turn at all. A turn is a 1 ms timer, which a
    // loaded machine fires late (16 turns in 60 ms, with CI and a bench side by side).
    assert.ok(turns >= 5, `the process kept serving while it waited (${turns} turns)`);
    const bodies = other.prepare("select body from notes order by id").all();
    assert.deepEqual(
      bodies.map((row) => row.body),
      ["theirs", "ours"],
    );
  });
});

test("a transaction takes the lock at its start: another process's commit before its write cannot fail it", async () => {
  await withTwoConnections("immediate", async (db, other) => {
    other.exec("begin immediate");
    let readInside = -1;
    const transaction = db.transaction().execute(async (trx) => {
      const [row] = (await sql<{ n: number }>`select count(*) as n from notes`.execute(trx)).rows;
      readInside = Number(row?.n);
      await sql`insert into notes (body) values ('ours')`.execute(trx);
    });
    await sleep(20);
    // With a deferred BEGIN, the read above would have run on the snapshot before this commit, and the
    // insert failed with SQLITE_BUSY_SNAPSHOT.
    other.exec("insert into notes (body) values ('theirs'); commit");
    await transaction;
    assert.equal(readInside, 1, "the transaction read after the other commit");
    const [count] = other.prepare("select count(*) as n from notes").all();
    assert.equal(count?.n, 2);
  });
});

test("a write still waiting when the wait runs out fails with SQLite's busy error, and changes nothing", async () => {
  await withTwoConnections("gives-up", async (db, other) => {
    other.exec("begin immediate");
    const started = performance.now();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await sql`insert into notes (body) values ('ours')`.execute(trx);
      }),
      (error: Error & { errcode?: number }) => (error.errcode ?? 0) % 256 === 5,
    );
    assert.ok(performance.now() - started >= 4900, "it waited for the whole time");
    other.exec("rollback");
    const [count] = other.prepare("select count(*) as n from notes").all();
    assert.equal(count?.n, 0);
    // The connection is usable again.
    await sql`insert into notes (body) values ('later')`.execute(db);
  });
});

test("a direct read never fails on a lock: it reads the last commit during another's write", async () => {
  await withTwoConnections("reads", async (db, other) => {
    await sql`insert into notes (body) values ('committed')`.execute(db);
    other.exec("begin immediate; insert into notes (body) values ('pending')");
    const rows = directReader(db)?.all("select body from notes", []);
    assert.deepEqual(
      rows?.map((row) => (row as { body: string }).body),
      ["committed"],
    );
    other.exec("commit");
  });
});

test("opening waits while another process holds the database, as when a server and a worker start together", async () => {
  const path = join(dir, "opening.db");
  const setUpFile = new DatabaseSync(path);
  setUpFile.exec("PRAGMA journal_mode = DELETE; create table notes (id integer primary key)");
  setUpFile.close();
  // Another process takes the database whole for 300 ms: switching it to WAL has to wait.
  const holder = spawn(
    process.execPath,
    [
      "-e",
      `const { DatabaseSync } = require("node:sqlite");
       const db = new DatabaseSync(${JSON.stringify(path)});
       db.exec("begin exclusive; insert into notes default values");
       console.log("held");
       setTimeout(() => { db.exec("commit"); db.close(); }, 300);`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve) => holder.stdout?.once("data", () => resolve()));
  const database = await openDatabase({ databaseUrl: `sqlite:${path}`, dataDir: dir });
  try {
    const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(database.db);
    assert.equal(mode.rows[0]?.journal_mode, "wal");
    const [row] = (await sql<{ n: number }>`select count(*) as n from notes`.execute(database.db)).rows;
    assert.equal(Number(row?.n), 1, "it opened after the other process's commit");
  } finally {
    await database.destroy();
    holder.kill();
  }
});
