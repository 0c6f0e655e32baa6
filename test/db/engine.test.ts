import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { migrate } from "../../src/db/index.ts";
import { createTestContext, type TestContext, testEngine } from "../helpers/context.ts";
import { createAccount } from "../helpers/factories.ts";

describe(`database engine (${testEngine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  it("re-running migrations applies nothing", async () => {
    assert.deepEqual(await migrate(ctx.deps.db), []);
  });

  it("rolls a failed transaction back whole", async () => {
    await assert.rejects(
      ctx.deps.db.transaction().execute(async (tx) => {
        await tx.insertInto("instance_settings").values({ key: "probe", value: "1" }).execute();
        throw new Error("abort");
      }),
    );
    const row = await ctx.deps.db
      .selectFrom("instance_settings")
      .selectAll()
      .where("key", "=", "probe")
      .executeTakeFirst();
    assert.equal(row, undefined);
  });

  it("enforces foreign keys (deleting an actor removes its account and sessions)", async () => {
    const account = await createAccount(ctx.deps, { handle: "temp" });
    await assert.rejects(
      ctx.deps.db
        .insertInto("sessions")
        .values({
          id: "x",
          account_id: "no-such-account",
          token_hash: "h",
          user_agent: "",
          ip: "",
          created_at: "",
          last_seen_at: "",
          expires_at: "",
        })
        .execute(),
    );
    await ctx.deps.db.deleteFrom("actors").where("id", "=", account.accountId).execute();
    const left = await ctx.deps.db
      .selectFrom("accounts")
      .select("actor_id")
      .where("actor_id", "=", account.accountId)
      .execute();
    assert.equal(left.length, 0);
  });

  it("runs SQLite in WAL mode, waiting for locks on the event loop, not in SQLite", {
    skip: testEngine !== "sqlite",
  }, async () => {
    const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(ctx.deps.db);
    assert.equal(mode.rows[0]?.journal_mode, "wal");
    // test/db/sqlite-lock.test.ts: the driver waits for the lock on a timer.
    const timeout = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(ctx.deps.db);
    assert.equal(timeout.rows[0]?.timeout, 0);
  });
});
