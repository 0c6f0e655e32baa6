import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { migrate } from "../../src/db/index.ts";
import type { Database } from "../../src/db/schema.ts";
import { testEngine } from "../helpers/context.ts";
import {
  insertBareActor,
  insertBarePost,
  type ScratchDatabase,
  scratchDatabase,
} from "../helpers/migrations.ts";

const DAY_MS = 86_400_000;

/** Migration 0025 measures, from each stored timeline, how long its owner's network takes to write 400 posts. */
describe(`timeline posts span migration (${testEngine})`, () => {
  let scratch: ScratchDatabase;
  let db: Kysely<Database>;

  before(async () => {
    scratch = await scratchDatabase("posts-span");
    db = scratch.db;
  });
  after(() => scratch.close());

  it("fills the span of every timeline that holds two posts or more", async () => {
    assert.equal((await scratch.migrator.migrateTo("0024_timeline_state_by_owner")).error, undefined);
    const at = "2026-01-02T10:00:00.000Z";
    const actor = (handle: string) => insertBareActor(db, handle, uuidv7(), at);
    const writer = await actor("writer");
    const start = Date.UTC(2026, 0, 1);
    const post = (day: number) => insertBarePost(db, writer, uuidv7({ msecs: start + day * DAY_MS }), at);
    const posts = [];
    for (let day = 0; day < 5; day++) posts.push(await post(day));
    const owners = { five: await actor("five"), one: await actor("one"), none: await actor("none") };
    for (const owner of Object.values(owners))
      await db
        .insertInto("home_timeline_state")
        .values({ owner_id: owner, seen_at: at, rebuilt_at: at })
        .execute();
    const entry = (owner: string, postId: string, entryId = postId) =>
      db
        .insertInto("home_timeline")
        .values({ owner_id: owner, entry_id: entryId, post_id: postId, source_id: writer });
    for (const id of posts) await entry(owners.five, id).execute();
    // A boost a month later brought an older post: not one of the network's posts, nor its time.
    await entry(owners.five, await post(-10), uuidv7({ msecs: start + 30 * DAY_MS })).execute();
    await entry(owners.one, posts[4] as string).execute();

    assert.ok((await migrate(db)).includes("0025_timeline_posts_span"));
    const spans = Object.fromEntries(
      (await db.selectFrom("home_timeline_state").select(["owner_id", "posts_span_ms"]).execute()).map(
        (r) => [r.owner_id, r.posts_span_ms === null ? null : Number(r.posts_span_ms)],
      ),
    );
    // Five posts a day apart: four days for four intervals, so 400 days for 400 posts.
    assert.equal(spans[owners.five], 400 * DAY_MS);
    assert.equal(spans[owners.one], null);
    assert.equal(spans[owners.none], null);
  });
});
