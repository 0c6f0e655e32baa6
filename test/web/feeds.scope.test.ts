import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { makeEvent, member } from "../services/events.fixtures.ts";
import { post } from "../services/posts.fixtures.ts";

/**
 * A person's feed is their public posts as their profile lists them: not their comments, and not what
 * they wrote in a meetup's discussion (which lives on the meetup's page).
 */
describe("feeds: a person's posts, not their comments in meetup discussions", () => {
  let ctx: TestContext;

  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  it("leaves out what they wrote on a public meetup's page, in Atom and RSS", async () => {
    const alice = await member(ctx, "alice");
    const event = await makeEvent(ctx, alice);
    const person = { ...alice.account, viewer: alice.viewer };
    await post(ctx.deps, person, { body: "My own post" });
    await post(ctx.deps, person, { body: "See you at the meetup", eventId: event });
    for (const file of ["feed.atom", "feed.rss"]) {
      const feed = await (await new TestClient(ctx.app).get(`/@alice/${file}`)).text();
      assert.match(feed, /My own post/, file);
      assert.doesNotMatch(feed, /See you at the meetup/, file);
    }
    const profile = await (await new TestClient(ctx.app).get("/@alice")).text();
    assert.doesNotMatch(profile, /See you at the meetup/, "as on the profile");
  });
});
