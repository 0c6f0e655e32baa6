import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { purgeAccount } from "../../src/services/accounts/delete-purge.ts";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { createPost } from "../../src/services/posts/create.ts";
import { InvalidPost, type KeptImage } from "../../src/services/posts/images.ts";
import type { Storage } from "../../src/services/storage.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { png } from "../web/posts.fixtures.ts";
import { type Person, person } from "./posts.fixtures.ts";

const DAY = 86_400_000;

/**
 * Images kept from a refused post (`pending_media`): their owner's for a day, then removed by a job
 * with their files, unless a post took them.
 */
describe("posts: images kept from a refused post", () => {
  let ctx: TestContext;
  let alice: Person;

  const mediaFiles = () => {
    const dir = join(ctx.dataDir, "media", "posts");
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const filesOf = async (id: string) => {
    const row = await ctx.deps.db
      .selectFrom("pending_media")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return [row.storage_key, row.thumb_key].map((k) => k.slice("posts/".length));
  };
  /** A refused post (its image lacks alt text, or its poll a second choice): what it kept. */
  const refuse = async (who: Person, images: { alt: string }[]): Promise<KeptImage[]> => {
    const error = await createPost(
      ctx.deps,
      who.viewer,
      {
        body: "Refused",
        visibility: "public",
        poll: { options: ["One"], multiple: false, durationSeconds: 86400 },
      },
      await Promise.all(images.map(async (i) => ({ bytes: await png(), alt: i.alt, credit: "" }))),
    ).catch((e: unknown) => e);
    assert.ok(error instanceof InvalidPost, String(error));
    assert.equal(error.fields.poll?.key, "error.poll.options");
    return error.kept;
  };

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice");
  });
  after(() => ctx.close());

  it("removes an image not used after a day, rows and files, and leaves a used one with its post", async () => {
    const [unused] = await refuse(alice, [{ alt: "Unused" }]);
    const [used] = await refuse(alice, [{ alt: "" }]);
    assert.ok(unused && used);
    const unusedFiles = await filesOf(unused.id);
    const usedFiles = await filesOf(used.id);
    const { id } = await createPost(ctx.deps, alice.viewer, { body: "With it", visibility: "public" }, [
      { pendingId: used.id, alt: "Used after all", credit: "" },
    ]);
    ctx.clock.advance(DAY - 60_000);
    await drainJobs(ctx.deps);
    for (const file of unusedFiles) assert.ok(mediaFiles().includes(file), "kept for a day");
    ctx.clock.advance(120_000);
    await drainJobs(ctx.deps);
    const left = mediaFiles();
    for (const file of unusedFiles) assert.ok(!left.includes(file), `${file} removed after a day`);
    for (const file of usedFiles) assert.ok(left.includes(file), `${file} is the post's`);
    assert.equal((await ctx.deps.db.selectFrom("pending_media").selectAll().execute()).length, 0);
    const media = await ctx.deps.db.selectFrom("post_media").selectAll().where("post_id", "=", id).execute();
    assert.deepEqual(
      media.map((m) => [m.id, m.alt]),
      [[used.id, "Used after all"]],
    );
  });

  it("keeps the new images when a kept one is gone at the moment of posting, and writes no post", async () => {
    const [gone] = await refuse(alice, [{ alt: "" }]);
    assert.ok(gone);
    // The kept image's day ends while the new one is being stored.
    const expiring: Storage = {
      ...ctx.deps.storage,
      put: async (key, bytes) => {
        await ctx.deps.storage.put(key, bytes);
        await ctx.deps.db.deleteFrom("pending_media").where("id", "=", gone.id).execute();
      },
    };
    const error = await createPost(
      { ...ctx.deps, storage: expiring },
      alice.viewer,
      { body: "Race", visibility: "public" },
      [
        { slot: 1, pendingId: gone.id, alt: "Old", credit: "" },
        { slot: 2, bytes: await png(), alt: "New", credit: "" },
      ],
    ).catch((e: unknown) => e);
    assert.ok(error instanceof InvalidPost, String(error));
    assert.equal(error.fields.images?.key, "error.media.expired");
    assert.deepEqual(
      error.kept.map((k) => k.slot),
      [2],
      "the new image is kept, the gone one is not",
    );
    const pending = await ctx.deps.db.selectFrom("pending_media").selectAll().execute();
    assert.deepEqual(
      pending.map((p) => p.id),
      [error.kept[0]?.id],
    );
    assert.equal(
      (await ctx.deps.db.selectFrom("posts").select("id").where("body", "=", "Race").execute()).length,
      0,
    );
  });

  it("removes the files of an account deleted meanwhile", async () => {
    const zoe = await person(ctx.deps, "zoe", "Zoe");
    const [kept] = await refuse(zoe, [{ alt: "Zoe's" }]);
    assert.ok(kept);
    const files = await filesOf(kept.id);
    assert.ok(await purgeAccount(ctx.deps, zoe.accountId));
    ctx.clock.advance(DAY + 60_000);
    await drainJobs(ctx.deps);
    const left = mediaFiles();
    for (const file of files) assert.ok(!left.includes(file), `${file} removed`);
  });
});
