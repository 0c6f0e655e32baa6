import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { purgeAccount } from "../../src/services/accounts/delete-purge.ts";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { homeEntries, REBUILD_JOB } from "../../src/services/timelines/home.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { follow, person, post } from "./posts.fixtures.ts";

/** The rebuild a home page queues when its owner's stored timeline is not current. */
describe("the queued rebuild of a home timeline", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  const jobsOf = (ownerId: string) =>
    ctx.deps.db
      .selectFrom("jobs")
      .select(["status", "last_error"])
      .where("kind", "=", REBUILD_JOB)
      .where("payload", "like", `%${ownerId}%`)
      .execute();
  const state = (ownerId: string) =>
    ctx.deps.db.selectFrom("home_timeline_state").selectAll().where("owner_id", "=", ownerId).execute();

  it("builds the timeline of someone who followed someone since, once the page that asked is served", async () => {
    const reader = await person(ctx.deps, "reader");
    const writer = await person(ctx.deps, "writer");
    await follow(ctx.deps, reader, writer);
    const id = await post(ctx.deps, writer, { body: "Hello reader" });
    const page = await homeEntries(ctx.deps, reader.accountId);
    assert.deepEqual(
      page.entries.map((e) => e.postId),
      [id],
    );
    assert.equal((await state(reader.accountId)).length, 0, "nothing written while the page is served");
    ctx.clock.advance(1000);
    await drainJobs(ctx.deps);
    assert.deepEqual(
      (await jobsOf(reader.accountId)).map((j) => j.status),
      ["done"],
    );
    const stored = await ctx.deps.db
      .selectFrom("home_timeline")
      .select("post_id")
      .where("owner_id", "=", reader.accountId)
      .execute();
    assert.deepEqual(
      stored.map((r) => r.post_id),
      [id],
    );
  });

  it("is dropped with an account purged before it ran", async () => {
    const gone = await person(ctx.deps, "gone");
    await homeEntries(ctx.deps, gone.accountId);
    assert.equal((await jobsOf(gone.accountId)).length, 1);
    assert.equal(await purgeAccount(ctx.deps, gone.accountId), true);
    assert.equal((await jobsOf(gone.accountId)).length, 0);
  });

  it("does nothing, and does not fail, for an account purged while it was claimed", async () => {
    const gone = await person(ctx.deps, "gonelater");
    await homeEntries(ctx.deps, gone.accountId);
    // A purge leaves a running job alone: the account goes, its job stays.
    await ctx.deps.db.deleteFrom("actors").where("id", "=", gone.accountId).execute();
    ctx.clock.advance(1000);
    await drainJobs(ctx.deps);
    const jobs = await jobsOf(gone.accountId);
    assert.deepEqual(
      jobs.map((j) => [j.status, j.last_error]),
      [["done", null]],
    );
    assert.equal((await state(gone.accountId)).length, 0);
  });
});
