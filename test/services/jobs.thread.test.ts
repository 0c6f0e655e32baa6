import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { JobsThreadData } from "../../src/jobs-thread.ts";
import type { JobHandler } from "../../src/services/jobs/handlers.ts";
import { allJobs, startWorker } from "../../src/services/jobs/run.ts";
import type { JobRegistry } from "../../src/services/jobs/runner.ts";
import { type JobThread, type JobThreadOptions, startJobThread } from "../../src/services/jobs/thread.ts";
import { offsetClock } from "../../src/services/test-clock.ts";
import { FANOUT_JOB } from "../../src/services/timelines/fanout.ts";
import { ensureFreshTimeline } from "../../src/services/timelines/home.ts";
import { createTestContext, type TestContext, testEngine } from "../helpers/context.ts";
import { follow, type Person, person, post } from "./posts.fixtures.ts";

/** The thread's real entry, run from source as in `npm run liens serve` (the bundle's: the e2e journeys). */
const ENTRY = new URL("../../src/jobs-thread.ts", import.meta.url);
const KINDS = [FANOUT_JOB];

/** What the event loop runs: every job, except that a fan-out there fails the job loudly. */
const loopOnly: JobRegistry = {
  ...allJobs,
  handlers: {
    ...allJobs.handlers,
    [FANOUT_JOB]: (async () => {
      throw new Error("a fan-out ran on the event loop");
    }) satisfies JobHandler,
  },
  batches: {},
};

async function until(what: string, condition: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The jobs thread of `liens serve` on SQLite (src/jobs-thread.ts): its own connection, started on demand. */
describe("the jobs thread", {
  skip: testEngine !== "sqlite" && "SQLite only: on PostgreSQL no thread runs",
}, () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;
  let thread: JobThread | null;
  const started: Array<{ stop(): Promise<void> }> = [];

  function startThread(options: Partial<JobThreadOptions> & { clockOffset?: SharedArrayBuffer } = {}) {
    const { clockOffset, ...rest } = options;
    const file = ctx.database.file;
    assert.ok(file, "a database in a file");
    const workerData: JobsThreadData = {
      config: ctx.deps.config,
      file,
      ...(clockOffset ? { clockOffset } : {}),
    };
    thread = startJobThread({ entry: ENTRY, kinds: KINDS, workerData, ...rest });
    started.push(thread);
    return thread;
  }
  const job = (id: string) =>
    ctx.deps.db
      .selectFrom("jobs")
      .selectAll()
      .where("kind", "=", FANOUT_JOB)
      .where("payload", "like", `%${id}%`);
  const inBobsTimeline = async (postId: string) =>
    (await ctx.deps.db
      .selectFrom("home_timeline")
      .select("entry_id")
      .where("owner_id", "=", bob.accountId)
      .where("post_id", "=", postId)
      .executeTakeFirst()) !== undefined;

  before(async () => {
    ctx = await createTestContext();
    // The thread reads the system's time: the fan-out reaches people active by it.
    ctx.clock.set(new Date());
    alice = await person(ctx.deps, "alice");
    bob = await person(ctx.deps, "bob");
    await follow(ctx.deps, bob, alice);
    await ensureFreshTimeline(ctx.deps, bob.accountId);
  });
  beforeEach(() => {
    thread = null;
  });
  after(async () => {
    for (const s of started) await s.stop();
    await ctx.close();
  });

  it("runs a post's fan-out, woken by the event loop's runner once the post is committed", async () => {
    startThread();
    const worker = startWorker(ctx.deps, {
      pollMs: 60_000,
      registry: loopOnly,
      ...(thread ? { thread } : {}),
    });
    started.push(worker);
    try {
      const postId = await post(ctx.deps, alice, { body: "Fanned out in a thread" });
      await until("Bob's timeline holds the post", () => inBobsTimeline(postId));
      const [stored] = await job(postId).execute();
      await until("the job is done", async () => (await job(postId).executeTakeFirst())?.status === "done");
      assert.equal(stored?.last_error, null, "never tried on the event loop");
      assert.equal(thread?.running(), true);
    } finally {
      await worker.stop();
    }
    assert.equal(thread?.running(), false, "stopping the runner stops its thread");
  });

  it("ends after its idle time, and the next job due starts another", async () => {
    const t = startThread({ idleMs: 100, pollMs: 20 });
    const first = await post(ctx.deps, alice, { body: "One" });
    t.wake();
    await until("the first post is fanned out", () => inBobsTimeline(first));
    await until("the idle thread has ended", () => !t.running());
    const second = await post(ctx.deps, alice, { body: "Two" });
    t.wake();
    assert.equal(t.running(), true);
    await until("the second post is fanned out", () => inBobsTimeline(second));
    await t.stop();
  });

  it("reads the process's test clock: a job due only by it runs once the clock moves", async () => {
    const clock = offsetClock();
    const t = startThread({ clockOffset: clock.shared, pollMs: 20 });
    const later = await post(ctx.deps, alice, { body: "Fanned out in an hour" });
    await ctx.deps.db
      .updateTable("jobs")
      .set({ run_at: new Date(Date.now() + 3_600_000).toISOString() })
      .where("kind", "=", FANOUT_JOB)
      .where("payload", "like", `%${later}%`)
      .execute();
    t.wake();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await inBobsTimeline(later), false, "not due yet");
    clock.advance(2 * 3_600_000);
    t.wake();
    await until("the job ran by the moved clock", () => inBobsTimeline(later));
    await t.stop();
  });

  it("when the thread fails, the event loop runs its jobs", async () => {
    const broken = startThread({ entry: new URL("./no-such-thread.ts", import.meta.url) });
    assert.equal(broken.available(), true);
    broken.wake();
    await until("the failure is known", () => !broken.available());
    const worker = startWorker(ctx.deps, { pollMs: 60_000, thread: broken });
    started.push(worker);
    try {
      const postId = await post(ctx.deps, alice, { body: "Fanned out on the event loop" });
      await until("Bob's timeline holds the post", () => inBobsTimeline(postId));
    } finally {
      await worker.stop();
    }
  });

  it("a due job waiting when the runner starts wakes the thread (a restart, another process's job)", async () => {
    const postId = await post(ctx.deps, alice, { body: "Enqueued before anyone ran" });
    assert.equal(await inBobsTimeline(postId), false);
    startThread();
    const worker = startWorker(ctx.deps, {
      pollMs: 60_000,
      registry: loopOnly,
      ...(thread ? { thread } : {}),
    });
    started.push(worker);
    try {
      await until("Bob's timeline holds the post", () => inBobsTimeline(postId));
    } finally {
      await worker.stop();
    }
  });
});
