import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { connect, type Member, makeEvent, member } from "../services/events.fixtures.ts";

/**
 * A member's event page, kept for them under the event's version and their own: others' answers and
 * comments, and their own answer, show on the very next request.
 */
describe("members' event pages", () => {
  let ctx: TestContext;
  let alice: Member;
  let bob: Member;
  let carol: Member;
  let eventId: string;
  before(async () => {
    ctx = await createTestContext();
    alice = await member(ctx, "alice");
    bob = await member(ctx, "bob");
    carol = await member(ctx, "carol");
    await connect(ctx, alice, bob);
    eventId = await makeEvent(ctx, alice, { title: "Harbour walk", capacity: "10" });
  });
  after(() => ctx.close());

  it("show each member their own navigation, token and answer, and everyone's answers at once", async () => {
    const b = await signedInClient(ctx, bob.account);
    const c = await signedInClient(ctx, carol.account);
    const page = async (client: typeof b) => (await client.get(`/events/${eventId}`)).text();
    const first = await page(b);
    assert.match(first, /Going \(0\)/);
    assert.match(await page(c), /@carol<\/summary>/);
    assert.doesNotMatch(await page(c), /@bob<\/summary>/);

    assert.equal((await b.post(`/events/${eventId}/rsvp`, { answer: "going", message: "" })).status, 303);
    const bobs = await page(b);
    const carols = await page(c);
    assert.match(bobs, /@bob<\/summary>/);
    assert.match(bobs, /<p role="status">Going<\/p>/);
    assert.match(carols, /Going \(1\)/, "the answer shows to others at once");
    assert.match(carols, /href="\/@bob"/);
    assert.doesNotMatch(carols, /role="status"/, "Bob's answer is not Carol's");
    const tokens = (html: string) =>
      new Set([...html.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]));
    assert.deepEqual([...tokens(bobs)], [b.csrfToken()]);
    assert.deepEqual([...tokens(carols)], [c.csrfToken()]);

    const french = await signedInClient(ctx, carol.account, { "accept-language": "fr" });
    await ctx.deps.db
      .updateTable("accounts")
      .set({ locale: "fr" })
      .where("actor_id", "=", carol.viewer.accountId)
      .execute();
    assert.match(await page(french), /Participants \(1\)/, "one page per language");

    assert.doesNotMatch(await page(b), /See you at the pier/);
    const comment = await c.post("/posts", {
      body: "See you at the pier",
      visibility: "public",
      eventId,
    });
    assert.equal(comment.status, 303);
    assert.match(await page(b), /See you at the pier/, "a comment shows to others at once");
  });

  it("keep private events to those who may see them", async () => {
    const secret = await makeEvent(ctx, alice, { title: "Secret supper", visibility: "connections" });
    const b = await signedInClient(ctx, bob.account);
    const c = await signedInClient(ctx, carol.account);
    assert.match(await (await b.get(`/events/${secret}`)).text(), /Secret supper/);
    assert.equal(
      (await c.get(`/events/${secret}`)).status,
      404,
      "the body Bob was shown is not Carol's to see",
    );
  });
});
