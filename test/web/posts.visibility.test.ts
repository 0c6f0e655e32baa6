import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RelationName, VISIBILITIES, type Visibility } from "../../src/domain/posts/visibility.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { EXPECTED, post, type World, world } from "../services/posts.fixtures.ts";
import { png } from "./posts.fixtures.ts";

/**
 * The visibility table on every surface this area draws: the post page, the thread (a comment's page
 * and the comment inside the root's page), the person's posts on their profile, their feed, the
 * notifications list and the image file URLs — every visibility × every relation.
 */
describe("post visibility on every surface (HTTP)", () => {
  let ctx: TestContext;
  let w: World;
  const clients = {} as Record<RelationName, TestClient>;
  const roots = {} as Record<Visibility, { id: string; comment: string | null; media: string }>;

  before(async () => {
    ctx = await createTestContext();
    w = await world(ctx.deps);
    for (const visibility of VISIBILITIES) {
      const id = await post(ctx.deps, w.alice, { body: `Root-${visibility} for @mia`, visibility }, [
        { bytes: await png(), alt: `Picture ${visibility}`, credit: "" },
      ]);
      const comment =
        visibility === "mentioned"
          ? null
          : await post(ctx.deps, w.bob, {
              body: `Comment-${visibility}`,
              visibility: "public",
              parentId: id,
            });
      const media = await ctx.deps.db
        .selectFrom("post_media")
        .select("id")
        .where("post_id", "=", id)
        .executeTakeFirstOrThrow();
      roots[visibility] = { id, comment, media: media.id };
    }
    for (const [name, person] of Object.entries(w.as) as [RelationName, World["alice"] | null][]) {
      clients[name] = person ? await signedInClient(ctx, person) : new TestClient(ctx.app);
    }
    // Someone in each relation holds a notification about each post (as a voter or a past mention
    // would): the list shows it only while its reader may see the post.
    for (const name of Object.keys(w.as) as RelationName[]) {
      const reader = w.as[name];
      if (!reader || reader === w.alice) continue;
      for (const visibility of VISIBILITIES) {
        await ctx.deps.db
          .insertInto("notifications")
          .values({
            id: ctx.deps.newId(),
            recipient_id: reader.accountId,
            kind: "poll_ended",
            actor_id: null,
            subject_id: roots[visibility].id,
            created_at: ctx.deps.clock.now().toISOString(),
            read_at: null,
          })
          .execute();
      }
    }
  });
  after(() => ctx.close());

  for (const visibility of VISIBILITIES) {
    for (const name of Object.keys(EXPECTED[visibility]) as RelationName[]) {
      const expected = EXPECTED[visibility][name];
      it(`${visibility} × ${name}: ${expected ? "shown" : "not found"} on every surface`, async () => {
        const client = clients[name];
        const { id, comment, media } = roots[visibility];
        const marker = `Root-${visibility} for`;

        const page = await client.get(`/@alice/posts/${id}`);
        assert.equal(page.status, expected ? 200 : 404, "post page");
        const html = await page.text();
        assert.equal(html.includes(marker), expected, "post page text");
        if (comment) {
          // Mia is mentioned in the root only: the comment's audience is the thread's.
          const seesComment = name === "mentioned" ? visibility === "public" : expected;
          assert.equal(html.includes(`Comment-${visibility}`), seesComment, "comment in the thread");
          const commentPage = await client.get(`/@bob/posts/${comment}`);
          assert.equal(commentPage.status, seesComment ? 200 : 404, "comment page");
          await commentPage.body?.cancel();
        }

        const profile = await (await client.get("/@alice/posts")).text();
        assert.equal(profile.includes(marker), expected, "the person's posts");
        if (!expected) {
          const latest = await (await client.get("/@alice")).text();
          assert.ok(!latest.includes(marker), "the latest posts on the profile");
        }

        const feed = await (await client.get("/@alice/feed.atom")).text();
        assert.equal(feed.includes(marker), visibility === "public", "feed (public posts only)");

        for (const variant of ["", "/thumb"]) {
          const file = await client.get(`/media/posts/${media}${variant}`);
          assert.equal(file.status, expected ? 200 : 404, `media file${variant}`);
          if (expected) assert.equal(file.headers.get("content-type"), "image/webp");
          await file.body?.cancel();
        }

        if (name !== "anonymous" && name !== "author") {
          const notifications = await (await client.get("/notifications")).text();
          assert.equal(notifications.includes(`/posts/${id}`), expected, "notifications");
        }
      });
    }
  }
});
