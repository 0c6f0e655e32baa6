import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { deletePost } from "../../src/services/posts/delete.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { type Person, person, post } from "../services/posts.fixtures.ts";
import { png } from "./posts.fixtures.ts";

/**
 * A public post's image may be kept by any cache, shared ones included, but never served from one
 * without asking: a deleted post takes its images with it from every cache at once. Asking
 * again is cheap: the file's validator answers "not modified" without the file being read.
 */
describe("posts: how a post's images are cached", () => {
  let ctx: TestContext;
  let alice: Person;
  const visitor = () => new TestClient(ctx.app);

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
  });
  after(() => ctx.close());

  const imageOf = async (visibility: "public" | "connections") => {
    const id = await post(ctx.deps, alice, { body: `An image for ${visibility}`, visibility }, [
      { bytes: await png(), alt: "A blue square", credit: "" },
    ]);
    const media = await ctx.deps.db
      .selectFrom("post_media")
      .select("id")
      .where("post_id", "=", id)
      .executeTakeFirstOrThrow();
    return { postId: id, full: `/media/posts/${media.id}`, thumb: `/media/posts/${media.id}/thumb` };
  };

  it("lets caches keep a public post's image only if they ask again each time, with a validator", async () => {
    const { full, thumb } = await imageOf("public");
    const first = await visitor().get(full);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get("cache-control"), "public, no-cache");
    const etag = first.headers.get("etag");
    assert.match(etag ?? "", /^"[^"]+"$/, "a strong validator");
    const thumbTag = (await visitor().get(thumb)).headers.get("etag");
    assert.ok(thumbTag && thumbTag !== etag, "the thumbnail is another file");

    const again = await new TestClient(ctx.app, { "If-None-Match": etag as string }).get(full);
    assert.equal(again.status, 304);
    assert.equal(again.headers.get("etag"), etag);
    assert.equal(again.headers.get("cache-control"), "public, no-cache");
    assert.equal((await again.arrayBuffer()).byteLength, 0);
    const listed = await new TestClient(ctx.app, { "If-None-Match": `"other", W/${etag}` }).get(full);
    assert.equal(listed.status, 304, "one of several, weak or not");
    const other = await new TestClient(ctx.app, { "If-None-Match": '"other"' }).get(full);
    assert.equal(other.status, 200, "another validator gets the file");
  });

  it("answers a cache asking again about a deleted post's image: not found", async () => {
    const deleted = await imageOf("public");
    const tags = new Map<string, string>();
    for (const url of [deleted.full, deleted.thumb])
      tags.set(url, (await visitor().get(url)).headers.get("etag") as string);

    await deletePost(ctx.deps, alice.viewer, deleted.postId);
    for (const [url, etag] of tags) {
      const response = await new TestClient(ctx.app, { "If-None-Match": etag }).get(url);
      assert.equal(response.status, 404, url);
    }
  });

  it("keeps the image of a post for fewer people out of every cache, with no validator", async () => {
    const { full } = await imageOf("connections");
    const response = await new TestClient(ctx.app).get(full);
    assert.equal(response.status, 404, "not for visitors");
    const own = await (await signedInClient(ctx, alice)).get(full);
    assert.equal(own.status, 200);
    assert.equal(own.headers.get("cache-control"), "private, no-store");
    assert.equal(own.headers.get("etag"), null);
  });
});
