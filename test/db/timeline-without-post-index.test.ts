import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Kysely, sql } from "kysely";
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

/** Migration 0026: the home timeline keeps its rows and its key, without the index by post. */
describe(`home timeline without its index by post (${testEngine})`, () => {
  let scratch: ScratchDatabase;
  let db: Kysely<Database>;

  before(async () => {
    scratch = await scratchDatabase("timeline-post-index");
    db = scratch.db;
  });
  after(() => scratch.close());

  it("keeps every entry, the version trigger and the owner's cascade; a post's delete no longer reaches it", async () => {
    assert.equal((await scratch.migrator.migrateTo("0025_timeline_posts_span")).error, undefined);
    const at = "2026-01-02T10:00:00.000Z";
    const writer = await insertBareActor(db, "writer");
    const owner = await insertBareActor(db, "owner");
    const posts: string[] = [];
    for (let i = 0; i < 3; i++) posts.push(await insertBarePost(db, writer, uuidv7(), at));
    await db
      .insertInto("home_timeline_state")
      .values({ owner_id: owner, seen_at: at, rebuilt_at: at })
      .execute();
    for (const owner_id of [owner, writer])
      await db
        .insertInto("home_timeline")
        .values(posts.map((id) => ({ owner_id, entry_id: id, post_id: id, source_id: writer })))
        .execute();
    const entries = () =>
      db
        .selectFrom("home_timeline")
        .select(["owner_id", "entry_id", "post_id", "source_id"])
        .orderBy("owner_id")
        .orderBy("entry_id")
        .execute();
    const stored = await entries();

    assert.ok((await migrate(db)).includes("0026_timeline_without_post_index"));
    assert.deepEqual(await entries(), stored);
    const index =
      testEngine === "sqlite"
        ? sql`select name from sqlite_master where type = 'index' and name = 'home_timeline_post'`
        : sql`select indexname from pg_indexes where indexname = 'home_timeline_post' and schemaname = current_schema()`;
    assert.deepEqual((await index.execute(db)).rows, [], "the index by post is gone");

    // Deleting a post no longer cascades into the timelines (src/services/timelines/forget-post.ts does).
    await db
      .deleteFrom("posts")
      .where("id", "=", posts[0] as string)
      .execute();
    assert.equal((await entries()).length, stored.length);
    // A removed entry still moves its owner's version.
    const version = async () =>
      (
        await db
          .selectFrom("home_timeline_state")
          .select("version")
          .where("owner_id", "=", owner)
          .executeTakeFirstOrThrow()
      ).version;
    const was = await version();
    await db
      .deleteFrom("home_timeline")
      .where("owner_id", "=", owner)
      .where("entry_id", "=", posts[0] as string)
      .execute();
    assert.equal(Number(await version()), Number(was) + 1);
    // The key still holds one row per owner and entry.
    await assert.rejects(
      db
        .insertInto("home_timeline")
        .values({
          owner_id: owner,
          entry_id: posts[1] as string,
          post_id: posts[1] as string,
          source_id: writer,
        })
        .execute(),
    );
    // Deleting the owner still takes their timeline.
    await db.deleteFrom("home_timeline_state").where("owner_id", "=", owner).execute();
    await db.deleteFrom("actors").where("id", "=", owner).execute();
    assert.deepEqual(
      (await entries()).map((e) => e.owner_id),
      posts.map(() => writer),
    );
  });
});
