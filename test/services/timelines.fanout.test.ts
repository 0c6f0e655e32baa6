import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { boost } from "../../src/services/posts/boost.ts";
import { deletePost } from "../../src/services/posts/delete.ts";
import { DAY_MS } from "../../src/services/timelines/entries.ts";
import { fanOut, fanOutMany } from "../../src/services/timelines/fanout.ts";
import { ensureFreshTimeline, homeEntries, REBUILD_JOB } from "../../src/services/timelines/home.ts";
import { homeOnRead } from "../../src/services/timelines/on-read.ts";
import { timelineItems } from "../../src/services/timelines/page.ts";
import { rebuildHomeTimeline } from "../../src/services/timelines/rebuild.ts";
import { homeVersion } from "../../src/services/versions.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { turnsDuring } from "../helpers/turns.ts";
import {
  blockRow,
  follow,
  type Person,
  post,
  storeRemoteFollowers,
  type World,
  world,
} from "./posts.fixtures.ts";

/** The stored entries of someone's home timeline, newest first, as the fan-out wrote them. */
async function stored(ctx: TestContext, owner: Person): Promise<string[]> {
  const rows = await ctx.deps.db
    .selectFrom("home_timeline")
    .select("entry_id")
    .where("owner_id", "=", owner.accountId)
    .orderBy("entry_id", "desc")
    .execute();
  return rows.map((r) => r.entry_id);
}

async function onRead(ctx: TestContext, owner: Person): Promise<string[]> {
  return (await homeOnRead(ctx.deps.db, owner.accountId, { limit: 1000 })).map((e) => e.entryId);
}

describe("home timeline fan-out (per-person table written by a job)", () => {
  let ctx: TestContext;
  let w: World;
  let everyone: Person[];
  before(async () => {
    ctx = await createTestContext();
    w = await world(ctx.deps);
    everyone = [w.alice, w.bob, w.carol, w.dan, w.erin, w.fred, w.mia];
    // Mia follows Alice too, so "only people mentioned" reaches a home timeline; Dan follows Bob.
    await follow(ctx.deps, w.mia, w.alice);
    await follow(ctx.deps, w.dan, w.bob);
    // Everyone opens their home timeline once: they are active, the fan-out reaches them.
    for (const p of everyone) await ensureFreshTimeline(ctx.deps, p.accountId);
  });
  after(() => ctx.close());

  it("writes each post to the people who follow or are connected with its author and may see it", async () => {
    ctx.clock.advance(60_000);
    const ids = {
      public: await post(ctx.deps, w.alice, { body: "Public hello #liens" }),
      followers: await post(ctx.deps, w.alice, { body: "For followers", visibility: "followers" }),
      connections: await post(ctx.deps, w.alice, { body: "For connections", visibility: "connections" }),
      mentioned: await post(ctx.deps, w.alice, { body: "Only @mia", visibility: "mentioned" }),
    };
    const reply = await post(ctx.deps, w.bob, { body: "A reply stays in its thread", parentId: ids.public });
    const ran = await drainJobs(ctx.deps);
    assert.ok(ran >= 4, "one fan-out job per thread root");
    const has = async (p: Person) => new Set(await stored(ctx, p));
    const table: [Person, (keyof typeof ids)[]][] = [
      [w.alice, ["public", "followers", "connections", "mentioned"]],
      [w.bob, ["public", "followers", "connections"]],
      [w.carol, ["public", "followers"]],
      [w.mia, ["public", "followers", "mentioned"]],
      [w.dan, []],
      [w.erin, []],
      [w.fred, []],
    ];
    for (const [who, expected] of table) {
      const got = await has(who);
      for (const kind of Object.keys(ids) as (keyof typeof ids)[]) {
        assert.equal(got.has(ids[kind]), expected.includes(kind), `${who.handle} × ${kind}`);
      }
      assert.equal(got.has(reply), false, `${who.handle}: replies are not fanned out`);
    }
  });

  it("matches the same timeline computed from the posts (fan-out on read), boosts included", async () => {
    ctx.clock.advance(60_000);
    const dans = await post(ctx.deps, w.dan, { body: "Dan's public thought" });
    await boost(ctx.deps, w.bob.viewer, dans);
    // Carol boosts too: Alice, connected to Bob and not following Carol, still gets one entry only.
    await follow(ctx.deps, w.alice, w.carol);
    await ensureFreshTimeline(ctx.deps, w.alice.accountId);
    await boost(ctx.deps, w.carol.viewer, dans);
    await drainJobs(ctx.deps);
    for (const p of everyone) {
      assert.deepEqual(await stored(ctx, p), await onRead(ctx, p), `${p.handle}'s stored timeline`);
    }
    const alice = await homeEntries(ctx.deps, w.alice.accountId);
    const entry = alice.entries.find((e) => e.postId === dans);
    assert.ok(entry && entry.entryId !== dans, "the boost brought Dan's post to Alice");
    const items = await timelineItems(ctx.deps, w.alice.viewer, alice.entries);
    assert.equal(items.find((i) => i.card.id === dans)?.boostedBy?.handle, "bob");
    assert.equal(alice.entries.filter((e) => e.postId === dans).length, 1);
  });

  it("fans out several posts and boosts together as one by one, the rows of one person written together", async () => {
    ctx.clock.advance(60_000);
    const payloads: unknown[] = [
      { postId: await post(ctx.deps, w.alice, { body: "Batch one" }) },
      { postId: await post(ctx.deps, w.bob, { body: "Batch two", visibility: "connections" }) },
      { postId: await post(ctx.deps, w.alice, { body: "Batch three", visibility: "followers" }) },
      { postId: "0190f0f0-0000-7000-8000-000000000000" },
    ];
    const fred = await post(ctx.deps, w.fred, { body: "Fred's, boosted by Carol" });
    await boost(ctx.deps, w.carol.viewer, fred);
    payloads.push({ postId: fred, boosterId: w.carol.accountId });
    await ctx.deps.db.deleteFrom("jobs").execute();
    const written = await fanOutMany(ctx.deps, payloads);
    for (const p of everyone) {
      assert.deepEqual(await stored(ctx, p), await onRead(ctx, p), `${p.handle}'s stored timeline`);
    }
    let oneByOne = 0;
    for (const payload of payloads) oneByOne += await fanOut(ctx.deps, payload);
    assert.ok(written > 0);
    assert.equal(written, oneByOne, "the same people reached");
  });

  it("lets other work run between the posts of a batch, before writing them", async () => {
    ctx.clock.advance(60_000);
    const payloads = [
      { postId: await post(ctx.deps, w.alice, { body: "Turn one" }) },
      { postId: await post(ctx.deps, w.bob, { body: "Turn two" }) },
      { postId: await post(ctx.deps, w.alice, { body: "Turn three" }) },
    ];
    await ctx.deps.db.deleteFrom("jobs").execute();
    // A request waiting on the event loop, as many times as it gets a turn during the fan-out.
    const { turns } = await turnsDuring(() => fanOutMany(ctx.deps, payloads));
    assert.ok(turns >= payloads.length, `${turns} turns for ${payloads.length} posts`);
  });

  it("reaches every active follower of an account followed by thousands, read page by page", async () => {
    ctx.clock.advance(60_000);
    const now = ctx.clock.now().toISOString();
    const old = new Date(ctx.clock.now().getTime() - 30 * DAY_MS).toISOString();
    // 4,500 followers from another server, stored directly: every third one inactive for a month.
    const ids = await storeRemoteFollowers(ctx.deps, w.dan, 4500, {
      seenAt: (i) => (i % 3 !== 0 ? now : old),
      rebuiltAt: old,
    });
    const followers = ids.map((id, i) => ({ id, active: i % 3 !== 0 }));
    const id = await post(ctx.deps, w.dan, { body: "To thousands" });
    await ctx.deps.db.deleteFrom("jobs").execute();
    const active = followers.filter((f) => f.active).map((f) => f.id);
    // Dan himself, and each active follower; as a separate worker writes it (short transactions
    // with pauses between, on SQLite).
    const worker = { ...ctx.deps, config: { ...ctx.deps.config, worker: "separate" as const } };
    assert.equal(await fanOut(worker, { postId: id }), active.length + 1);
    const reached = await ctx.deps.db
      .selectFrom("home_timeline")
      .select("owner_id")
      .where("post_id", "=", id)
      .execute();
    assert.deepEqual(reached.map((r) => r.owner_id).sort(), [...active, w.dan.accountId].sort());
  });

  it("removes deleted posts, and blocked people's posts, from stored timelines", async () => {
    ctx.clock.advance(60_000);
    const doomed = await post(ctx.deps, w.alice, { body: "To be deleted" });
    const kept = await post(ctx.deps, w.alice, { body: "Kept" });
    await drainJobs(ctx.deps);
    assert.ok((await stored(ctx, w.carol)).includes(doomed));
    await deletePost(ctx.deps, w.alice.viewer, doomed);
    for (const p of everyone) assert.ok(!(await stored(ctx, p)).includes(doomed), `${p.handle}`);

    await blockRow(ctx.deps, w.carol, w.alice);
    const page = await homeEntries(ctx.deps, w.carol.accountId);
    const items = await timelineItems(ctx.deps, w.carol.viewer, page.entries, { ownerId: w.carol.accountId });
    assert.ok(!items.some((i) => i.card.author.id === w.alice.accountId), "no post of Alice for Carol");
    assert.ok(!(await stored(ctx, w.carol)).includes(kept), "the entry is gone from the table too");
    // And a fan-out after the block skips Carol.
    const later = await post(ctx.deps, w.alice, { body: "After the block" });
    await drainJobs(ctx.deps);
    assert.ok(!(await stored(ctx, w.carol)).includes(later));
  });

  it("skips people inactive for two weeks; on their return, serves the page from the posts and rebuilds in a job", async () => {
    ctx.clock.advance(15 * DAY_MS);
    // Everyone but Mia came back meanwhile.
    for (const p of everyone) if (p !== w.mia) await ensureFreshTimeline(ctx.deps, p.accountId);
    const whileAway = await post(ctx.deps, w.alice, { body: "While Mia was away" });
    // Alice herself and Bob (Carol, Erin and Fred are on the other side of a block; Mia is away).
    assert.equal(await fanOut(ctx.deps, { postId: whileAway }), 2);
    await drainJobs(ctx.deps);
    assert.ok(!(await stored(ctx, w.mia)).includes(whileAway));
    const rebuilds = () =>
      ctx.deps.db
        .selectFrom("jobs")
        .select(["status", "payload"])
        .where("kind", "=", REBUILD_JOB)
        .where("payload", "like", `%${w.mia.accountId}%`)
        .execute();

    const page = await homeEntries(ctx.deps, w.mia.accountId, { limit: 3 });
    assert.deepEqual(
      page.entries.map((e) => e.entryId),
      (await onRead(ctx, w.mia)).slice(0, 3),
      "her first page, computed from the posts",
    );
    assert.equal(page.entries[0]?.postId, whileAway);
    const older = await homeEntries(ctx.deps, w.mia.accountId, { limit: 3, before: page.next });
    assert.deepEqual(
      older.entries.map((e) => e.entryId),
      (await onRead(ctx, w.mia)).slice(3, 6),
      "the next page follows on from it",
    );
    assert.ok(!(await stored(ctx, w.mia)).includes(whileAway), "not rebuilt while she waits");
    assert.deepEqual(
      (await rebuilds()).map((j) => j.status),
      ["pending"],
      "one rebuild queued, however many pages she reads",
    );

    assert.equal(await drainJobs(ctx.deps), 0, "it waits until the page that asked for it is served");
    ctx.clock.advance(1000);
    await drainJobs(ctx.deps);
    assert.deepEqual(await stored(ctx, w.mia), await onRead(ctx, w.mia), "rebuilt by the job");
    assert.deepEqual(
      (await homeEntries(ctx.deps, w.mia.accountId, { limit: 3 })).entries.map((e) => e.entryId),
      page.entries.map((e) => e.entryId),
      "the same page, now from the stored timeline",
    );
    assert.deepEqual(
      (await rebuilds()).map((j) => j.status),
      ["done"],
      "and no further rebuild queued",
    );
  });

  it("moves the version of every timeline it writes to, and of no other", async () => {
    const versions = async () =>
      new Map(
        await Promise.all(
          everyone.map(async (p) => [p, await homeVersion(ctx.deps.db, p.accountId)] as const),
        ),
      );
    const before = await versions();
    const id = await post(ctx.deps, w.alice, { body: "Versions move" });
    const authorOnly = await versions();
    for (const p of everyone)
      assert.equal(
        authorOnly.get(p) !== before.get(p),
        p === w.alice,
        `${p.handle}: the author's page changes at once`,
      );
    await drainJobs(ctx.deps);
    const after = await versions();
    for (const p of everyone) {
      if (p === w.alice) continue;
      const received = (await stored(ctx, p)).includes(id);
      assert.equal(
        after.get(p) !== authorOnly.get(p),
        received,
        `${p.handle}: moved if and only if written to`,
      );
    }
    assert.ok(
      everyone.some((p) => p !== w.alice && after.get(p) !== authorOnly.get(p)),
      "someone received it",
    );
    // Removing the entries (the post deleted) moves the version of exactly the timelines that held it.
    const holders = new Set<Person>();
    for (const p of everyone) if ((await stored(ctx, p)).includes(id)) holders.add(p);
    await deletePost(ctx.deps, w.alice.viewer, id);
    const deleted = await versions();
    for (const p of everyone)
      assert.equal(deleted.get(p) !== after.get(p), holders.has(p), `${p.handle}: moved on removal`);
  });

  it("reads past the stored entries from the posts themselves", async () => {
    await rebuildHomeTimeline(ctx.deps, w.bob.accountId, 2);
    assert.equal((await stored(ctx, w.bob)).length, 2);
    const all = await onRead(ctx, w.bob);
    assert.ok(all.length > 4);
    const first = await homeEntries(ctx.deps, w.bob.accountId, { limit: 3 });
    const second = await homeEntries(ctx.deps, w.bob.accountId, { limit: 3, before: first.next });
    assert.deepEqual(
      [...first.entries, ...second.entries].map((e) => e.entryId),
      all.slice(0, 6),
    );
  });

  it("rebuilds by writing only the difference: a current timeline stays as it is, a wrong one is put right", async () => {
    const timelineVersion = async () =>
      (
        await ctx.deps.db
          .selectFrom("home_timeline_state")
          .select("version")
          .where("owner_id", "=", w.mia.accountId)
          .executeTakeFirstOrThrow()
      ).version;
    await rebuildHomeTimeline(ctx.deps, w.mia.accountId);
    const right = await stored(ctx, w.mia);
    assert.deepEqual(right, await onRead(ctx, w.mia));
    const unmoved = await timelineVersion();
    await rebuildHomeTimeline(ctx.deps, w.mia.accountId);
    assert.equal(await timelineVersion(), unmoved, "nothing written when nothing changed");

    // One entry lost, one that has no place there (a post of someone Mia does not follow).
    const [lost] = right;
    await ctx.deps.db
      .deleteFrom("home_timeline")
      .where("owner_id", "=", w.mia.accountId)
      .where("entry_id", "=", lost as string)
      .execute();
    const stray = await post(ctx.deps, w.fred, { body: "Not for Mia's home" });
    await ctx.deps.db
      .insertInto("home_timeline")
      .values({ owner_id: w.mia.accountId, entry_id: stray, post_id: stray, source_id: w.fred.accountId })
      .execute();
    const before = await timelineVersion();
    await rebuildHomeTimeline(ctx.deps, w.mia.accountId);
    assert.deepEqual(await stored(ctx, w.mia), right);
    assert.equal(await timelineVersion(), before + 2, "one row removed, one written back");
  });
});
