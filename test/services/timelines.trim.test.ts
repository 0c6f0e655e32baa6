import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DAY_MS, INACTIVE_DAYS, KEEP_ENTRIES } from "../../src/services/timelines/entries.ts";
import { trimTimelines } from "../../src/services/timelines/trim.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { turnsDuring } from "../helpers/turns.ts";
import { person } from "./posts.fixtures.ts";

/** The periodic trim of the stored home timelines. */
describe("the trim of home timelines", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  /** Entry ids in time order, as UUIDv7 ids sort: the `n`th of a series. */
  const entryId = (series: number, n: number) =>
    `00000000-0000-7000-8${series.toString().padStart(3, "0")}-${n.toString().padStart(12, "0")}`;

  /** Someone whose stored timeline holds `count` entries, last seen `daysAgo` days ago. */
  async function timeline(handle: string, series: number, count: number, daysAgo = 0): Promise<string> {
    const owner = (await person(ctx.deps, handle)).accountId;
    const seen = new Date(ctx.clock.now().getTime() - daysAgo * DAY_MS).toISOString();
    await ctx.deps.db
      .insertInto("home_timeline_state")
      .values({ owner_id: owner, seen_at: seen, rebuilt_at: seen })
      .execute();
    for (let from = 0; from < count; from += 500) {
      const rows = Array.from({ length: Math.min(500, count - from) }, (_, i) => {
        const id = entryId(series, from + i);
        return { owner_id: owner, entry_id: id, post_id: id, source_id: owner };
      });
      await ctx.deps.db.insertInto("home_timeline").values(rows).execute();
    }
    return owner;
  }

  const entriesOf = async (owner: string) =>
    (
      await ctx.deps.db
        .selectFrom("home_timeline")
        .select("entry_id")
        .where("owner_id", "=", owner)
        .orderBy("entry_id")
        .execute()
    ).map((r) => r.entry_id);

  it("keeps the newest entries of the active, leaves short timelines alone and empties the inactive ones", async () => {
    const long = await timeline("longread", 1, KEEP_ENTRIES + 1100);
    const short = await timeline("shortread", 2, 30);
    const gone = await timeline("goneread", 3, 300, INACTIVE_DAYS + 1);
    // One step a transaction: a dozen deletes for the long timeline, one for each of the others.
    const { turns } = await turnsDuring(() => trimTimelines(ctx.deps, { sliceMs: 0 }));

    assert.deepEqual(
      await entriesOf(long),
      Array.from({ length: KEEP_ENTRIES }, (_, i) => entryId(1, 1100 + i)),
      "the newest KEEP_ENTRIES entries, and only they",
    );
    assert.equal((await entriesOf(short)).length, 30);
    assert.deepEqual(await entriesOf(gone), []);
    const states = await ctx.deps.db
      .selectFrom("home_timeline_state")
      .select("owner_id")
      .where("owner_id", "in", [long, short, gone])
      .execute();
    assert.equal(states.length, 3, "the states stay: a returning person's timeline is rebuilt from them");
    assert.ok(turns >= 5, `requests get turns between transactions (${turns} turns)`);
  });

  it("changes nothing when run again", async () => {
    const before = await ctx.deps.db
      .selectFrom("home_timeline")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await trimTimelines(ctx.deps);
    const after = await ctx.deps.db
      .selectFrom("home_timeline")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });
});
