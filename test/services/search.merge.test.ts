import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { SEARCH_MERGE_JOB } from "../../src/services/search/merge.ts";
import { searchPostsPage } from "../../src/services/search/posts.ts";
import { createTestContext, type TestContext, testEngine } from "../helpers/context.ts";
import { post, type World, world } from "./posts.fixtures.ts";

describe("merging the posts' full-text index (SQLite)", { skip: testEngine !== "sqlite" }, () => {
  let ctx: TestContext;
  let w: World;
  before(async () => {
    ctx = await createTestContext();
    w = await world(ctx.deps);
  });
  after(() => ctx.close());

  const segments = async () =>
    Number(
      (await sql<{ n: number }>`select count(distinct segid) as n from posts_fts_idx`.execute(ctx.deps.db))
        .rows[0]?.n,
    );
  const pendingMerges = async () =>
    (
      await ctx.deps.db
        .selectFrom("jobs")
        .select("id")
        .where("kind", "=", SEARCH_MERGE_JOB)
        .where("status", "=", "pending")
        .execute()
    ).length;

  it("leaves the merging to a job: a post's write adds a segment and merges none", async () => {
    const config = await sql<{ v: number }>`select v from posts_fts_config where k = 'automerge'`.execute(
      ctx.deps.db,
    );
    assert.equal(Number(config.rows[0]?.v), 0);
    const start = await segments();
    for (let i = 0; i < 12; i++)
      await post(ctx.deps, w.alice, { body: `Lantern number ${i} by the harbour` });
    assert.equal(await segments(), start + 12, "one segment a post, none merged");
    assert.equal(await pendingMerges(), 1, "the posts of those seconds share one job");
  });

  it("the job merges them, a little at a time, and every post is still found", async () => {
    const before = await segments();
    ctx.clock.advance(3000);
    await drainJobs(ctx.deps);
    assert.ok((await segments()) <= before / 3, `${before} segments, then ${await segments()}`);
    assert.equal(await pendingMerges(), 0);
    assert.equal((await searchPostsPage(ctx.deps.db, w.alice.accountId, ["lantern"])).ids.length, 12);
  });
});
