import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { v7 as uuidv7 } from "uuid";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { boost } from "../../src/services/posts/boost.ts";
import { deletePost } from "../../src/services/posts/delete.ts";
import { FANOUT_JOB, fanOutMany } from "../../src/services/timelines/fanout.ts";
import { ensureFreshTimeline, homeEntries } from "../../src/services/timelines/home.ts";
import { homeOnRead } from "../../src/services/timelines/on-read.ts";
import { timelineItems } from "../../src/services/timelines/page.ts";
import { homeVersion } from "../../src/services/versions.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { turnsDuring } from "../helpers/turns.ts";
import { follow, type Person, post, storeRemoteFollowers, type World, world } from "./posts.fixtures.ts";

/**
 * What the index by post did for the home timelines (migration 0026): one entry per post and owner,
 * and a deleted post's entries gone from every timeline, its boosts' included.
 */
describe("stored home timelines: one entry per post, none once it is deleted", () => {
  let ctx: TestContext;
  let w: World;
  let everyone: Person[];

  /** Someone's stored entries of a post (its own, or its boosts'). */
  const entriesOf = async (owner: Person, postId: string) =>
    (
      await ctx.deps.db
        .selectFrom("home_timeline")
        .select("entry_id")
        .where("owner_id", "=", owner.accountId)
        .where("post_id", "=", postId)
        .execute()
    ).map((r) => r.entry_id);

  /** Everyone's stored timeline holds the posts computed from the posts themselves, each once. */
  const sameAsOnRead = async () => {
    for (const p of everyone) {
      const stored = await ctx.deps.db
        .selectFrom("home_timeline")
        .select("post_id")
        .where("owner_id", "=", p.accountId)
        .execute();
      const computed = await homeOnRead(ctx.deps.db, p.accountId, { limit: 1000 });
      assert.deepEqual(
        stored.map((r) => r.post_id).sort(),
        computed.map((e) => e.postId).sort(),
        `${p.handle}'s stored timeline`,
      );
    }
  };

  before(async () => {
    ctx = await createTestContext();
    w = await world(ctx.deps);
    everyone = [w.alice, w.bob, w.carol, w.dan, w.mia];
    // Dan follows Bob and Carol, Mia follows Carol: neither follows Alice, so boosts bring her posts.
    await follow(ctx.deps, w.dan, w.bob);
    await follow(ctx.deps, w.dan, w.carol);
    await follow(ctx.deps, w.mia, w.carol);
    for (const p of everyone) await ensureFreshTimeline(ctx.deps, p.accountId);
  });
  after(() => ctx.close());

  it("gives a boost to no one who holds its post, the booster included", async () => {
    ctx.clock.advance(60_000);
    const id = await post(ctx.deps, w.alice, { body: "Boosted twice" });
    await drainJobs(ctx.deps);
    assert.deepEqual(await entriesOf(w.bob, id), [id], "Bob, connected with Alice, has her post");
    await boost(ctx.deps, w.bob.viewer, id);
    await drainJobs(ctx.deps);
    assert.deepEqual(await entriesOf(w.bob, id), [id], "Bob's own boost adds nothing to his timeline");
    const [bobs] = await entriesOf(w.dan, id);
    assert.ok(bobs && bobs !== id, "Bob's boost brought the post to Dan");

    ctx.clock.advance(60_000);
    await boost(ctx.deps, w.carol.viewer, id);
    await drainJobs(ctx.deps);
    assert.deepEqual(await entriesOf(w.dan, id), [bobs], "Carol's boost adds nothing for Dan");
    assert.deepEqual(await entriesOf(w.carol, id), [id], "Carol, following Alice, has her post once");
    assert.equal((await entriesOf(w.mia, id)).length, 1, "Carol's boost brought it to Mia");
    await sameAsOnRead();
  });

  it("keeps one entry when a post is boosted before its own fan-out runs, apart or in one batch", async () => {
    ctx.clock.advance(60_000);
    // Carol boosts as soon as the post is made: her boost's entry is written at once, the post's later.
    const early = await post(ctx.deps, w.alice, { body: "Boosted early" });
    await boost(ctx.deps, w.carol.viewer, early);
    await drainJobs(ctx.deps);
    assert.equal((await entriesOf(w.carol, early)).length, 1);
    assert.equal((await entriesOf(w.dan, early)).length, 1);

    // The post and its boosts fanned out in one batch: one entry each (Bob's own boost, written at
    // once, stands for the post in his timeline).
    ctx.clock.advance(60_000);
    const batched = await post(ctx.deps, w.alice, { body: "In one batch" });
    await boost(ctx.deps, w.bob.viewer, batched);
    await boost(ctx.deps, w.carol.viewer, batched);
    const payloads = await ctx.deps.db
      .selectFrom("jobs")
      .select("payload")
      .where("kind", "=", FANOUT_JOB)
      .execute();
    await ctx.deps.db.deleteFrom("jobs").where("kind", "=", FANOUT_JOB).execute();
    await fanOutMany(
      ctx.deps,
      payloads.map((j) => JSON.parse(j.payload)),
    );
    for (const p of everyone)
      assert.ok((await entriesOf(p, batched)).length <= 1, `${p.handle}: one entry of the post at most`);
    assert.equal((await entriesOf(w.bob, batched)).length, 1);
    assert.equal((await entriesOf(w.dan, batched)).length, 1);
    await sameAsOnRead();
  });

  it("takes a deleted post out of every timeline, with the entries its boosts brought", async () => {
    ctx.clock.advance(60_000);
    const id = await post(ctx.deps, w.alice, { body: "Boosted, then deleted" });
    await drainJobs(ctx.deps);
    await boost(ctx.deps, w.bob.viewer, id);
    await boost(ctx.deps, w.carol.viewer, id);
    await drainJobs(ctx.deps);
    const holders = [];
    for (const p of everyone) if ((await entriesOf(p, id)).length > 0) holders.push(p);
    assert.deepEqual(
      holders.map((p) => p.handle),
      ["alice", "bob", "carol", "dan", "mia"],
    );
    const before = await Promise.all(everyone.map((p) => homeVersion(ctx.deps.db, p.accountId)));
    await deletePost(ctx.deps, w.alice.viewer, id);
    for (const [i, p] of everyone.entries()) {
      assert.deepEqual(await entriesOf(p, id), [], `${p.handle} holds nothing of it`);
      assert.notEqual(
        await homeVersion(ctx.deps.db, p.accountId),
        before[i],
        `${p.handle}'s page is drawn again`,
      );
    }
    await sameAsOnRead();
  });

  it("takes a widely read post out a few timelines at a time, requests served in between", async () => {
    ctx.clock.advance(60_000);
    const now = ctx.clock.now().toISOString();
    // 350 followers from another server, stored directly, each with a stored timeline.
    const followers = await storeRemoteFollowers(ctx.deps, w.dan, 350, { seenAt: () => now, rebuiltAt: now });
    const id = await post(ctx.deps, w.dan, { body: "Read far and wide" });
    await drainJobs(ctx.deps);
    const holding = async () =>
      (await ctx.deps.db.selectFrom("home_timeline").select("owner_id").where("post_id", "=", id).execute())
        .length;
    assert.equal(await holding(), followers.length + 1);

    const { turns } = await turnsDuring(() => deletePost(ctx.deps, w.dan.viewer, id));
    assert.equal(await holding(), 0);
    assert.ok(turns >= 3, `${turns} turns while 351 timelines lost the post`);
  });

  it("drops, when a page meets it, an entry whose post is gone", async () => {
    // Written as its post was being deleted: nothing but the page can see it is left over.
    const gone = uuidv7();
    await ctx.deps.db
      .insertInto("home_timeline")
      .values({ owner_id: w.dan.accountId, entry_id: gone, post_id: gone, source_id: w.bob.accountId })
      .execute();
    const page = await homeEntries(ctx.deps, w.dan.accountId);
    assert.ok(page.entries.some((e) => e.entryId === gone));
    const items = await timelineItems(ctx.deps, w.dan.viewer, page.entries, { ownerId: w.dan.accountId });
    assert.ok(items.length > 0);
    assert.ok(!items.some((i) => i.entryId === gone), "not shown");
    assert.deepEqual(await entriesOf(w.dan, gone), [], "and no longer stored");
  });
});
