import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { migrate, refreshPlannerStatistics } from "../../src/db/index.ts";
import { loadPostCards } from "../../src/services/posts/cards.ts";
import { createTestContext, type TestContext, testEngine } from "../helpers/context.ts";
import { person, post } from "../services/posts.fixtures.ts";

/**
 * SQLite's planner without statistics takes `visibility = 'public'` for a selective condition: with
 * millions of public posts, looking twenty cards up read every public post (0.8 s a page on the 100k
 * bench network). Statistics, refreshed after migrations and daily, make it use the key.
 */
describe("query planner statistics (SQLite)", { skip: testEngine !== "sqlite" }, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  it("exist once migrations have run", async () => {
    const { rows } = await sql<{
      n: number;
    }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(ctx.deps.db);
    assert.equal(Number(rows[0]?.n), 1);
    assert.deepEqual(await migrate(ctx.deps.db), [], "a start with nothing to migrate keeps them");
  });

  it("let post cards be read by key among thousands of public posts", async () => {
    const author = await person(ctx.deps, "author");
    const first = await post(ctx.deps, author, { body: "the original" });
    const columns = (
      await sql<{ name: string }>`select name from pragma_table_info('posts')`.execute(ctx.deps.db)
    ).rows.map((r) => r.name);
    const copied = columns.map((c) => (c === "id" ? "printf('copy-%06d', n)" : `"${c}"`)).join(", ");
    await sql
      .raw(
        `with recursive seq(n) as (select 1 union all select n + 1 from seq where n < 3000)
         insert into posts (${columns.map((c) => `"${c}"`).join(", ")})
         select ${copied} from seq, posts where posts.id = '${first}'`,
      )
      .execute(ctx.deps.db);
    await refreshPlannerStatistics(ctx.deps.db);

    // A timeline page: twenty ids (with three, the key wins even without statistics).
    const ids = [
      first,
      ...Array.from({ length: 19 }, (_, i) => `copy-${String(i * 150 + 1).padStart(6, "0")}`),
    ];
    const plan = (
      await sql<{ detail: string }>`explain query plan select p.id from posts as p
        where p.id in (${sql.join(ids)}) and p.visibility = 'public' and p.event_id is null`.execute(
        ctx.deps.db,
      )
    ).rows.map((r) => r.detail);
    assert.match(plan.join("\n"), /SEARCH p USING INDEX sqlite_autoindex_posts_1 \(id=\?\)/, plan.join("\n"));
    const cards = await loadPostCards(ctx.deps, null, ids);
    assert.deepEqual(
      cards.map((c) => c.id),
      ids,
    );
  });

  it("keep thread, parent and event lookups away from the posts that have none", async () => {
    // With statistics, "root_id IS NULL" (every thread root) looked like a few rows through a full
    // posts_thread index: a profile read every thread root (2.6 s a page on the 100k bench network).
    // The indexes now hold only posts with a value, so a NULL filter cannot use them.
    for (const [index, column] of [
      ["posts_thread", "root_id"],
      ["posts_parent", "parent_id"],
      ["posts_event", "event_id"],
    ]) {
      await assert.rejects(
        sql.raw(`select id from posts indexed by ${index} where ${column} is null`).execute(ctx.deps.db),
        /no query solution/,
        `${index} must not serve ${column} IS NULL`,
      );
      await sql.raw(`select id from posts indexed by ${index} where ${column} = 'x'`).execute(ctx.deps.db);
    }
  });

  it("read the people someone follows from an index alone", async () => {
    // Every home timeline read and rebuild starts there (loadSources): a table lookup per follow was
    // a random page of a large table each.
    const reader = await person(ctx.deps, "reader");
    await refreshPlannerStatistics(ctx.deps.db);
    const plan = (
      await sql<{ detail: string }>`explain query plan select followee_id from follows
        where follower_id = ${reader.accountId} and status = 'accepted'`.execute(ctx.deps.db)
    ).rows.map((r) => r.detail);
    assert.match(plan.join("\n"), /USING COVERING INDEX follows_follower_followee/, plan.join("\n"));
  });
});
