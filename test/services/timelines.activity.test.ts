import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { v7 as uuidv7 } from "uuid";
import { boost } from "../../src/services/posts/boost.ts";
import { createPost } from "../../src/services/posts/create.ts";
import { mayHaveWritten } from "../../src/services/timelines/activity.ts";
import { homeOnRead } from "../../src/services/timelines/on-read.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { follow, type Person, person } from "./posts.fixtures.ts";

const DAY_MS = 86_400_000;

describe("who may have written since", () => {
  const activity = new Map([
    ["recent", { root: "0005", boost: null }],
    ["old", { root: "0001", boost: "0006" }],
    ["boosts only", { root: null, boost: "0002" }],
  ]);
  const people = ["recent", "old", "boosts only", "unknown"];

  it("keeps those whose newest is in the window, and those it knows nothing of", () => {
    assert.deepEqual(mayHaveWritten(people, activity, "root", "0003"), ["recent", "unknown"]);
    assert.deepEqual(mayHaveWritten(people, activity, "boost", "0003"), ["old", "unknown"]);
    // Its lower bound is inclusive.
    assert.deepEqual(mayHaveWritten(people, activity, "root", "0005"), ["recent", "unknown"]);
  });

  it("keeps, for a window without a lower bound, whoever wrote one at all", () => {
    assert.deepEqual(mayHaveWritten(people, activity, "root", null), ["recent", "old", "unknown"]);
    assert.deepEqual(mayHaveWritten(people, activity, "boost", null), ["old", "boosts only", "unknown"]);
  });
});

/**
 * A timeline computed from the posts reads only the people followed who may have written in each
 * window (their newest root and boost, migration 0027), and still finds everything.
 */
describe("timelines computed from the posts skip the people who wrote nothing since", () => {
  let ctx: TestContext;
  let reader: Person;
  let quiet: Person;
  let booster: Person;
  let quietPost: string;
  let boosted: string;
  let boostId: string;
  let expected: string[];

  const read = async (limit = 50) =>
    (await homeOnRead(ctx.deps.db, reader.accountId, { limit })).map((e) => e.entryId);
  const setActivity = (
    who: Person,
    values: { newest_root_id?: string | null; newest_boost_id?: string | null },
  ) => ctx.deps.db.updateTable("actor_activity").set(values).where("actor_id", "=", who.accountId).execute();

  before(async () => {
    ctx = await createTestContext();
    reader = await person(ctx.deps, "reader");
    const daily = await person(ctx.deps, "daily");
    quiet = await person(ctx.deps, "quiet");
    booster = await person(ctx.deps, "booster");
    const silent = await person(ctx.deps, "silent");
    const stranger = await person(ctx.deps, "stranger");
    for (const followed of [daily, quiet, booster, silent]) await follow(ctx.deps, reader, followed);
    const start = Date.now() - 30 * DAY_MS;
    const write = async (author: Person, day: number) =>
      (
        await createPost(
          { ...ctx.deps, newId: () => uuidv7({ msecs: start + day * DAY_MS }) },
          author.viewer,
          {
            body: `Day ${day}`,
            visibility: "public",
          },
        )
      ).id;
    for (let day = 0; day < 30; day++) await write(daily, day);
    // Yesterday, for the first time in weeks.
    quietPost = await write(quiet, 29);
    boosted = await write(stranger, 1);
    await boost(ctx.deps, booster.viewer, boosted);
    ({ id: boostId } = await ctx.deps.db
      .selectFrom("boosts")
      .select("id")
      .where("post_id", "=", boosted)
      .executeTakeFirstOrThrow());
    expected = await read();
  });
  after(() => ctx.close());

  it("finds the post of someone quiet for weeks, and the boost of someone who never posts", async () => {
    assert.equal(expected.length, 32);
    assert.ok(expected.includes(quietPost));
    assert.ok(expected.includes(boostId));
  });

  it("reads no one whose newest root or boost is older than the window", async () => {
    // Said to have written nothing since well before their post: their post is not read from the
    // windows that reach back less far (those that reach the first post read everyone who wrote).
    assert.ok((await read(10)).includes(quietPost));
    await setActivity(quiet, { newest_root_id: uuidv7({ msecs: Date.now() - 20 * DAY_MS }) });
    assert.ok(!(await read(10)).includes(quietPost));
    // Said never to have boosted: the boost is not read, from any window.
    assert.ok((await read(10)).includes(boostId));
    await setActivity(booster, { newest_boost_id: null });
    assert.ok(!(await read()).includes(boostId));
  });

  it("reads whoever it knows nothing of", async () => {
    await ctx.deps.db.deleteFrom("actor_activity").execute();
    assert.deepEqual(await read(), expected);
  });
});
