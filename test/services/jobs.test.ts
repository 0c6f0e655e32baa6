import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { cleanUpJobs } from "../../src/services/jobs/cleanup.ts";
import type { JobHandler } from "../../src/services/jobs/handlers.ts";
import { enqueue } from "../../src/services/jobs/queue.ts";
import {
  backoffSeconds,
  drainJobs,
  type JobRegistry,
  LEASE_SECONDS,
  runDueJobs,
  scheduleRecurring,
  startWorker,
} from "../../src/services/jobs/run.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { turnsDuring } from "../helpers/turns.ts";

/** The queue's contract, run on each engine (SQLite by default, PostgreSQL with TEST_DATABASE_URL). */
describe("durable job queue", () => {
  let ctx: TestContext;
  let ran: Array<{ kind: string; payload: unknown }>;
  let failuresLeft: number;
  const record: JobHandler = async (_deps, payload) => {
    ran.push({ kind: "test.record", payload });
  };
  const flaky: JobHandler = async (_deps, payload) => {
    ran.push({ kind: "test.flaky", payload });
    if (failuresLeft-- > 0) throw new Error("temporarily down");
  };
  let batches: unknown[][];
  const registry: JobRegistry = {
    handlers: { "test.record": record, "test.flaky": flaky, "test.tick": record, "test.batched": record },
    batches: {
      "test.batched": async (_deps, payloads) => {
        batches.push(payloads);
        if (payloads.includes("poison")) throw new Error("one bad payload");
        for (const payload of payloads) ran.push({ kind: "test.batched", payload });
      },
    },
    recurring: [{ kind: "test.tick", everySeconds: 3600 }],
  };
  const job = (id: string) =>
    ctx.deps.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const jobsOf = (kind: string) =>
    ctx.deps.db.selectFrom("jobs").selectAll().where("kind", "=", kind).orderBy("created_at").execute();

  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());
  beforeEach(async () => {
    ran = [];
    batches = [];
    failuresLeft = 0;
    await ctx.deps.db.deleteFrom("jobs").execute();
  });

  it("runs a job with its payload once and marks it done", async () => {
    assert.equal(await enqueue(ctx.deps, { kind: "test.record", payload: { n: 1 } }), true);
    assert.equal(await drainJobs(ctx.deps, registry), 1);
    assert.deepEqual(ran, [{ kind: "test.record", payload: { n: 1 } }]);
    const [stored] = await jobsOf("test.record");
    assert.equal(stored?.status, "done");
    assert.equal(stored?.attempts, 1);
    assert.equal(await drainJobs(ctx.deps, registry), 0, "nothing runs twice");
  });

  it("keeps at most one pending job per key, and accepts the key again once it has started", async () => {
    assert.equal(await enqueue(ctx.deps, { kind: "test.record", key: "k", payload: 1 }), true);
    assert.equal(await enqueue(ctx.deps, { kind: "test.record", key: "k", payload: 2 }), false);
    await drainJobs(ctx.deps, registry);
    assert.deepEqual(ran, [{ kind: "test.record", payload: 1 }]);
    assert.equal(await enqueue(ctx.deps, { kind: "test.record", key: "k", payload: 3 }), true);
  });

  it("runs the waiting jobs of a batched kind together, and one by one when the batch fails", async () => {
    for (const payload of [1, 2, 3]) await enqueue(ctx.deps, { kind: "test.batched", payload });
    await enqueue(ctx.deps, { kind: "test.record", payload: "alone" });
    assert.equal(await drainJobs(ctx.deps, registry), 4);
    assert.deepEqual(batches, [[1, 2, 3]]);
    assert.deepEqual(
      (await jobsOf("test.batched")).map((j) => j.status),
      ["done", "done", "done"],
    );

    // A batch that throws: every job runs again alone (by its single-job handler), none is lost.
    await ctx.deps.db.deleteFrom("jobs").execute();
    ran = [];
    batches = [];
    for (const payload of [4, "poison", 5]) await enqueue(ctx.deps, { kind: "test.batched", payload });
    await drainJobs(ctx.deps, registry);
    assert.deepEqual(batches, [[4, "poison", 5]]);
    assert.deepEqual(
      ran.map((r) => r.payload),
      [4, "poison", 5],
    );
    assert.deepEqual(
      (await jobsOf("test.batched")).map((j) => j.status),
      ["done", "done", "done"],
    );
  });

  it("waits for run_at", async () => {
    const later = new Date(ctx.clock.now().getTime() + 60_000).toISOString();
    await enqueue(ctx.deps, { kind: "test.record", runAt: later });
    assert.equal(await drainJobs(ctx.deps, registry), 0);
    ctx.clock.advance(60_000);
    assert.equal(await drainJobs(ctx.deps, registry), 1);
  });

  it("retries a failing job with backoff, then gives up and keeps the error for the admin", async () => {
    failuresLeft = 1;
    await enqueue(ctx.deps, { kind: "test.flaky", maxAttempts: 2 });
    await drainJobs(ctx.deps, registry);
    let [stored] = await jobsOf("test.flaky");
    assert.equal(stored?.status, "pending");
    assert.equal(stored?.last_error, "temporarily down");
    assert.ok((stored?.run_at ?? "") > ctx.clock.now().toISOString(), "the retry waits");
    ctx.clock.advance(3_600_000);
    await drainJobs(ctx.deps, registry);
    [stored] = await jobsOf("test.flaky");
    assert.equal(stored?.status, "done");
    assert.equal(ran.length, 2);

    failuresLeft = 5;
    await enqueue(ctx.deps, { kind: "test.flaky", maxAttempts: 2, payload: "doomed" });
    await drainJobs(ctx.deps, registry);
    ctx.clock.advance(3_600_000);
    await drainJobs(ctx.deps, registry);
    const doomed = (await jobsOf("test.flaky")).find((j) => j.payload === '"doomed"');
    assert.equal(doomed?.status, "failed");
    assert.equal(doomed?.attempts, 2);
  });

  it("fails a job of an unknown kind at once", async () => {
    await enqueue(ctx.deps, { kind: "test.nobody" });
    await drainJobs(ctx.deps, registry);
    const [stored] = await jobsOf("test.nobody");
    assert.equal(stored?.status, "failed");
    assert.match(stored?.last_error ?? "", /No handler/);
  });

  it("backs off exponentially, capped at an hour", () => {
    const none = () => 0;
    assert.deepEqual(
      [1, 2, 3, 4].map((a) => backoffSeconds(a, none)),
      [5, 10, 20, 40],
    );
    assert.equal(backoffSeconds(30, none), 3600);
    assert.ok(backoffSeconds(1, () => 1) <= 7);
  });

  it("takes back a job whose worker died (its claim expired)", async () => {
    await enqueue(ctx.deps, { kind: "test.record", payload: "orphan" });
    const [stored] = await jobsOf("test.record");
    assert.ok(stored);
    await ctx.deps.db
      .updateTable("jobs")
      .set({ status: "running", attempts: 1, locked_until: ctx.clock.now().toISOString() })
      .where("id", "=", stored.id)
      .execute();
    assert.equal(await drainJobs(ctx.deps, registry), 0, "a live claim is respected");
    ctx.clock.advance(LEASE_SECONDS * 1000 + 1000);
    assert.equal(await drainJobs(ctx.deps, registry), 1);
    assert.equal((await job(stored.id)).status, "done");
  });

  it("enqueued inside a rolled-back transaction, a job does not exist", async () => {
    await assert.rejects(
      ctx.deps.db.transaction().execute(async (trx) => {
        await enqueue({ ...ctx.deps, db: trx }, { kind: "test.record" });
        throw new Error("roll back");
      }),
    );
    assert.equal((await jobsOf("test.record")).length, 0);
  });

  it("runs each job once when two workers claim at the same time", async () => {
    for (let i = 0; i < 30; i++) await enqueue(ctx.deps, { kind: "test.record", payload: i });
    await Promise.all([runDueJobs(ctx.deps, 30, registry), runDueJobs(ctx.deps, 30, registry)]);
    await drainJobs(ctx.deps, registry);
    const payloads = ran.map((r) => r.payload as number).sort((a, b) => a - b);
    assert.deepEqual(
      payloads,
      Array.from({ length: 30 }, (_, i) => i),
    );
  });

  it("keeps one run of a recurring job waiting and schedules the next after each run", async () => {
    await scheduleRecurring(ctx.deps, registry);
    await scheduleRecurring(ctx.deps, registry);
    assert.equal((await jobsOf("test.tick")).length, 1, "scheduling twice adds nothing");
    await drainJobs(ctx.deps, registry);
    const ticks = await jobsOf("test.tick");
    assert.deepEqual(
      ticks.map((t) => t.status),
      ["done", "pending"],
    );
    assert.equal(ticks[1]?.run_at, new Date(ctx.clock.now().getTime() + 3_600_000).toISOString());
  });

  it("cleans up old finished jobs and keeps recent ones", async () => {
    await enqueue(ctx.deps, { kind: "test.record" });
    await drainJobs(ctx.deps, registry);
    await cleanUpJobs(ctx.deps);
    assert.equal((await jobsOf("test.record")).length, 1);
    ctx.clock.advance(8 * 86_400_000);
    await cleanUpJobs(ctx.deps);
    assert.equal((await jobsOf("test.record")).length, 0);
  });

  it("cleans up a long queue a few hundred jobs at a time, requests served between two", async () => {
    const at = (daysAgo: number) => new Date(ctx.clock.now().getTime() - daysAgo * 86_400_000).toISOString();
    const rows = (count: number, status: "done" | "failed", daysAgo: number) =>
      Array.from({ length: count }, () => ({
        id: ctx.deps.newId(),
        kind: "test.record",
        payload: "{}",
        status,
        run_at: at(daysAgo),
        attempts: 1,
        max_attempts: 8,
        created_at: at(daysAgo),
        finished_at: at(daysAgo),
      }));
    for (const batch of [
      rows(400, "done", 8),
      rows(400, "done", 8),
      rows(5, "done", 2),
      rows(3, "failed", 8),
    ])
      await ctx.deps.db.insertInto("jobs").values(batch).execute();
    const { turns } = await turnsDuring(() => cleanUpJobs(ctx.deps));
    const left = await ctx.deps.db.selectFrom("jobs").select("status").execute();
    assert.deepEqual(
      left.map((j) => j.status).sort(),
      ["done", "done", "done", "done", "done", "failed", "failed", "failed"],
      "the week's done jobs and the month's failed ones stay",
    );
    assert.ok(turns >= 3, `requests get turns between the deletes (${turns} turns)`);
  });

  it("a running worker picks up a job as soon as it is enqueued, and stops cleanly", async () => {
    const worker = startWorker(ctx.deps, { pollMs: 60_000 });
    try {
      await enqueue(ctx.deps, { kind: "jobs.cleanup" });
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline) {
        const [stored] = await jobsOf("jobs.cleanup").then((jobs) => jobs.filter((j) => j.key === null));
        if (stored?.status === "done") break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const [stored] = (await jobsOf("jobs.cleanup")).filter((j) => j.key === null);
      assert.equal(stored?.status, "done");
    } finally {
      await worker.stop();
    }
  });
});
