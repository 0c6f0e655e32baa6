import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { removeConnection } from "../../src/services/connections/answer.ts";
import { unfollow } from "../../src/services/follows/follow.ts";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { block } from "../../src/services/moderation/block.ts";
import { mute, unmute } from "../../src/services/moderation/mute.ts";
import { ensureFreshTimeline, homeEntries } from "../../src/services/timelines/home.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { connect, follow, type Person, person, post } from "./posts.fixtures.ts";

/**
 * A stored home timeline holds only what its owner still receives: each way of no longer receiving
 * someone takes their entries out at once (the page itself checks nothing per entry).
 */
describe("stored home timelines lose what their owner no longer receives", () => {
  let ctx: TestContext;
  let reader: Person;
  let writers: Record<"followed" | "connected" | "both" | "blocked", Person>;
  const posted = new Map<Person, string>();

  const stored = async (owner: Person) =>
    (
      await ctx.deps.db
        .selectFrom("home_timeline")
        .select("post_id")
        .where("owner_id", "=", owner.accountId)
        .execute()
    ).map((r) => r.post_id);
  const shown = async (owner: Person) =>
    (await homeEntries(ctx.deps, owner.accountId)).entries.map((e) => e.postId);

  before(async () => {
    ctx = await createTestContext();
    reader = await person(ctx.deps, "reader");
    writers = {
      followed: await person(ctx.deps, "followed"),
      connected: await person(ctx.deps, "connected"),
      both: await person(ctx.deps, "both"),
      blocked: await person(ctx.deps, "blocked"),
    };
    await follow(ctx.deps, reader, writers.followed);
    await connect(ctx.deps, reader, writers.connected);
    await follow(ctx.deps, reader, writers.both);
    await connect(ctx.deps, reader, writers.both);
    await follow(ctx.deps, reader, writers.blocked);
    await ensureFreshTimeline(ctx.deps, reader.accountId);
    for (const writer of Object.values(writers))
      posted.set(writer, await post(ctx.deps, writer, { body: `By ${writer.handle}` }));
    await drainJobs(ctx.deps);
    assert.deepEqual((await stored(reader)).sort(), [...posted.values()].sort());
  });
  after(() => ctx.close());

  it("takes out an unfollowed person's posts, and keeps a connection's when only the follow ends", async () => {
    await unfollow(ctx.deps, reader.viewer, writers.followed.accountId);
    await unfollow(ctx.deps, reader.viewer, writers.both.accountId);
    const now = await stored(reader);
    assert.ok(!now.includes(posted.get(writers.followed) as string));
    assert.ok(now.includes(posted.get(writers.both) as string), "still connected");
    assert.deepEqual((await shown(reader)).sort(), now.sort());
  });

  it("takes out a muted person's posts, and gives them back when unmuted", async () => {
    const theirs = posted.get(writers.connected) as string;
    await mute(ctx.deps, reader.viewer, writers.connected.accountId);
    assert.ok(!(await stored(reader)).includes(theirs));
    assert.ok(!(await shown(reader)).includes(theirs));
    await unmute(ctx.deps, reader.viewer, writers.connected.accountId);
    assert.ok((await stored(reader)).includes(theirs));
  });

  it("takes out an ended connection's posts, and a blocked person's", async () => {
    await removeConnection(ctx.deps, reader.viewer, writers.both.accountId);
    assert.ok(
      !(await stored(reader)).includes(posted.get(writers.both) as string),
      "neither followed nor connected",
    );
    await block(ctx.deps, writers.blocked.viewer, reader.accountId);
    assert.ok(
      !(await stored(reader)).includes(posted.get(writers.blocked) as string),
      "they blocked the reader",
    );
    assert.deepEqual(await stored(reader), [posted.get(writers.connected)]);
  });
});
