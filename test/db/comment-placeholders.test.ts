import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { v7 as uuidv7 } from "uuid";
import { migrate } from "../../src/db/index.ts";
import { testEngine } from "../helpers/context.ts";
import {
  insertBareActor,
  insertBarePost,
  type ScratchDatabase,
  scratchDatabase,
} from "../helpers/migrations.ts";

/** Migration 0030 counts the comments of the threads there are, and moves a card's version with it. */
describe(`comment placeholders migration (${testEngine})`, () => {
  let scratch: ScratchDatabase;

  before(async () => {
    scratch = await scratchDatabase("comment-placeholders");
  });
  after(() => scratch.close());

  it("fills each root's count of comments at every depth, then moves its version with it", async () => {
    const { db } = scratch;
    assert.equal((await scratch.migrator.migrateTo("0029_pending_media")).error, undefined);
    const ana = await insertBareActor(db, "ana");
    const busy = await insertBarePost(db, ana);
    const quiet = await insertBarePost(db, ana);
    const reply = async (parent: string, root: string) => {
      const id = uuidv7();
      await db
        .insertInto("posts")
        .values({
          id,
          author_id: ana,
          audience_id: ana,
          body: "r",
          body_ast: "[]",
          visibility: "public",
          root_id: root,
          parent_id: parent,
          created_at: "2026-01-02T10:00:00.000Z",
          updated_at: "2026-01-02T10:00:00.000Z",
        })
        .execute();
      await db
        .updateTable("posts")
        .set((eb) => ({ reply_count: eb("reply_count", "+", 1) }))
        .where("id", "=", parent)
        .execute();
      return id;
    };
    const first = await reply(busy, busy);
    const second = await reply(first, busy);
    await reply(second, busy);
    await reply(busy, busy);
    await migrate(db);
    const rows = await db
      .selectFrom("posts")
      .select(["id", "comment_count", "deleted_at", "version"])
      .where("id", "in", [busy, quiet, first])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    assert.equal(Number(byId.get(busy)?.comment_count), 4);
    assert.equal(Number(byId.get(quiet)?.comment_count), 0);
    assert.equal(Number(byId.get(first)?.comment_count), 0, "a comment counts nothing");
    assert.equal(byId.get(busy)?.deleted_at, null);
    const before = Number(byId.get(busy)?.version);
    await db.updateTable("posts").set({ comment_count: 5 }).where("id", "=", busy).execute();
    const after = await db
      .selectFrom("posts")
      .select("version")
      .where("id", "=", busy)
      .executeTakeFirstOrThrow();
    assert.ok(Number(after.version) > before);
  });
});
