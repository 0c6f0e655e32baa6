import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { v7 as uuidv7 } from "uuid";
import { createPost } from "../../src/services/posts/create.ts";
import { rebuildHomeTimeline } from "../../src/services/timelines/rebuild.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { follow, type Person, person } from "./posts.fixtures.ts";

const DAY_MS = 86_400_000;

/**
 * A rebuild reads the posts from a first window as long as the owner's network took to write them the
 * last time, and measures that time again: whatever the span it starts from, it finds the same entries.
 */
describe("rebuilds start from the span the last one measured", () => {
  let ctx: TestContext;
  let reader: Person;
  const WANTED = 20;
  const DAYS = 60;
  let all: string[] = [];
  let newest: string[] = [];

  const span = async () =>
    (
      await ctx.deps.db
        .selectFrom("home_timeline_state")
        .select("posts_span_ms")
        .where("owner_id", "=", reader.accountId)
        .executeTakeFirstOrThrow()
    ).posts_span_ms;
  const setSpan = (ms: number | null) =>
    ctx.deps.db
      .updateTable("home_timeline_state")
      .set({ posts_span_ms: ms })
      .where("owner_id", "=", reader.accountId)
      .execute();

  before(async () => {
    ctx = await createTestContext();
    reader = await person(ctx.deps, "reader");
    const writers = [await person(ctx.deps, "daily"), await person(ctx.deps, "weekly")];
    for (const writer of writers) await follow(ctx.deps, reader, writer);
    // A post a day by one, a post a week by the other, over DAYS days.
    const start = Date.now() - DAYS * DAY_MS;
    const ids: string[] = [];
    for (let day = 0; day < DAYS; day++) {
      const at = (hour: number) => () => uuidv7({ msecs: start + day * DAY_MS + hour * 3600_000 });
      const authors = day % 7 === 0 ? writers : [writers[0] as Person];
      for (const [i, author] of authors.entries()) {
        const { id } = await createPost({ ...ctx.deps, newId: at(i + 1) }, author.viewer, {
          body: `Day ${day}`,
          visibility: "public",
        });
        ids.push(id);
      }
    }
    all = ids.sort().reverse();
    newest = all.slice(0, WANTED);
  });
  after(() => ctx.close());

  it("measures the span of the posts it found", async () => {
    const entries = await rebuildHomeTimeline(ctx.deps, reader.accountId, WANTED);
    assert.equal(entries.length, WANTED);
    const measured = await span();
    assert.ok(measured !== null);
    // About 20 posts in 17 days (8 a week): 400 posts take about 340 days.
    assert.ok(measured > 250 * DAY_MS && measured < 450 * DAY_MS, `${measured / DAY_MS} days`);
  });

  it("finds the same entries from a span far too short, far too long, or unknown", async () => {
    const expected = await rebuildHomeTimeline(ctx.deps, reader.accountId, WANTED);
    assert.deepEqual(
      expected.map((e) => e.postId),
      newest,
    );
    for (const ms of [1, 100 * 365 * DAY_MS, null]) {
      await setSpan(ms);
      assert.deepEqual(await rebuildHomeTimeline(ctx.deps, reader.accountId, WANTED), expected, `span ${ms}`);
      assert.ok((await span()) !== ms, "measured again");
    }
  });

  it("writes all of an emptied timeline back, and only the difference to a full one", async () => {
    // 69 entries: statements of 64, 4 and 1 rows.
    const stored = () =>
      ctx.deps.db
        .selectFrom("home_timeline")
        .select("entry_id")
        .where("owner_id", "=", reader.accountId)
        .orderBy("entry_id", "desc")
        .execute();
    await ctx.deps.db.deleteFrom("home_timeline").where("owner_id", "=", reader.accountId).execute();
    assert.equal((await rebuildHomeTimeline(ctx.deps, reader.accountId)).length, all.length);
    assert.deepEqual(
      (await stored()).map((r) => r.entry_id),
      all,
    );
    // Half of them lost, and strays that have no place there.
    await ctx.deps.db
      .deleteFrom("home_timeline")
      .where("owner_id", "=", reader.accountId)
      .where(
        "entry_id",
        "in",
        all.filter((_, i) => i % 2 === 0),
      )
      .execute();
    const strays = Array.from({ length: 70 }, () => uuidv7());
    await ctx.deps.db
      .insertInto("home_timeline")
      .values(
        strays.map((id) => ({
          owner_id: reader.accountId,
          entry_id: id,
          post_id: id,
          source_id: reader.accountId,
        })),
      )
      .execute();
    await rebuildHomeTimeline(ctx.deps, reader.accountId);
    assert.deepEqual(
      (await stored()).map((r) => r.entry_id),
      all,
    );
  });
});
