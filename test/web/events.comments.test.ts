import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { invitePeople } from "../../src/services/events/invite.ts";
import { createPost } from "../../src/services/posts/create.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { connect, follows, type Member, makeEvent, member } from "../services/events.fixtures.ts";

/** An event's discussion: threaded comments (posts attached to the event), as visible as the event. */
describe("event comments", () => {
  let ctx: TestContext;
  let alice: Member;
  let bob: Member;
  let erin: Member;
  let privateEvent: string;
  let publicEvent: string;
  before(async () => {
    ctx = await createTestContext();
    alice = await member(ctx, "alice");
    bob = await member(ctx, "bob");
    erin = await member(ctx, "erin");
    await connect(ctx, alice, bob);
    await connect(ctx, alice, erin);
    await follows(ctx, erin, bob);
    privateEvent = await makeEvent(ctx, alice, { visibility: "private", title: "Secret supper" });
    publicEvent = await makeEvent(ctx, alice, { title: "Open meetup" });
    await invitePeople(ctx.deps, alice.viewer, privateEvent, [bob.viewer.accountId]);
  });
  after(() => ctx.close());

  it("an invitee comments on a private event from its page; the organiser and invitees read it there", async () => {
    const client = await signedInClient(ctx, bob.account);
    const page = await (await client.get(`/events/${privateEvent}`)).text();
    assert.match(page, /Add a comment/);
    const posted = await client.post("/posts", {
      body: "Shall I bring bread? #supper",
      eventId: privateEvent,
      visibility: "public",
      next: `/events/${privateEvent}`,
    });
    assert.equal(posted.status, 303);
    assert.match(posted.headers.get("location") ?? "", new RegExp(`^/events/${privateEvent}#post-`));
    const organiser = await signedInClient(ctx, alice.account);
    assert.match(await (await organiser.get(`/events/${privateEvent}`)).text(), /Shall I bring bread\?/);
  });

  it("nobody who may not see the private event sees its comments anywhere", async () => {
    const comment = await ctx.deps.db
      .selectFrom("posts")
      .select("id")
      .where("event_id", "=", privateEvent)
      .executeTakeFirstOrThrow();
    const outsider = await signedInClient(ctx, erin.account);
    assert.equal((await outsider.get(`/events/${privateEvent}`)).status, 404);
    assert.equal((await outsider.get(`/@bob/posts/${comment.id}`)).status, 404);
    assert.equal((await new TestClient(ctx.app).get(`/@bob/posts/${comment.id}`)).status, 404);
    assert.doesNotMatch(await (await outsider.get("/@bob")).text(), /Shall I bring bread/);
    assert.doesNotMatch(await (await outsider.get("/tags/supper")).text(), /Shall I bring bread/);
    assert.doesNotMatch(await (await outsider.get("/search?q=bread")).text(), /Shall I bring bread/);
    const refused = await outsider.post("/posts", {
      body: "Let me in",
      eventId: privateEvent,
      visibility: "public",
    });
    assert.equal(refused.status, 404);
    assert.equal(
      (await ctx.deps.db.selectFrom("posts").select("id").where("body", "=", "Let me in").execute()).length,
      0,
    );
  });

  it("replies stay in the event's thread, and a public event's comments are public", async () => {
    const root = await createPost(ctx.deps, erin.viewer, {
      body: "See you there",
      visibility: "public",
      eventId: publicEvent,
    });
    const reply = await createPost(ctx.deps, alice.viewer, {
      body: "Welcome!",
      visibility: "public",
      parentId: root.id,
    });
    const stored = await ctx.deps.db
      .selectFrom("posts")
      .select("event_id")
      .where("id", "=", reply.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.event_id, publicEvent);
    const visitor = new TestClient(ctx.app);
    assert.match(await (await visitor.get(`/events/${publicEvent}`)).text(), /See you there/);
    assert.equal((await visitor.get(`/@erin/posts/${root.id}`)).status, 200);
    // The discussion stays with the event: not in the instance's public timeline, nor on a profile.
    assert.doesNotMatch(await (await visitor.get("/timelines/public")).text(), /See you there/);
    assert.doesNotMatch(await (await visitor.get("/@erin")).text(), /See you there/);
  });
});
