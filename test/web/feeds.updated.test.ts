import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { editPost } from "../../src/services/posts/edit.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { type Person, person, post } from "../services/posts.fixtures.ts";

/**
 * A feed's own date is its latest change, so that readers which look only at it (Atom's <updated>,
 * RSS's <lastBuildDate>) fetch an older entry edited since.
 */
describe("feeds: the feed's date follows the latest edit of any entry", () => {
  let ctx: TestContext;
  let alice: Person;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
  });
  after(() => ctx.close());

  it("moves the Atom <updated> and the RSS <lastBuildDate> when an older post is edited", async () => {
    const older = await post(ctx.deps, alice, { body: "First post" });
    ctx.clock.advance(60_000);
    await post(ctx.deps, alice, { body: "Second post" });
    ctx.clock.advance(3_600_000);
    await editPost(ctx.deps, alice.viewer, older, { body: "First post, corrected" });
    const editedAt = ctx.deps.clock.now();

    const atom = await (await new TestClient(ctx.app).get("/@alice/feed.atom")).text();
    const feedUpdated = /<feed[^>]*>[\s\S]*?<updated>([^<]+)<\/updated>/.exec(atom)?.[1];
    assert.equal(feedUpdated, editedAt.toISOString());
    assert.match(atom, /First post, corrected/);
    const rss = await (await new TestClient(ctx.app).get("/@alice/feed.rss")).text();
    assert.equal(/<lastBuildDate>([^<]+)<\/lastBuildDate>/.exec(rss)?.[1], editedAt.toUTCString());
  });
});
