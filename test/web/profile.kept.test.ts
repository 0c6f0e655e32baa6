import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { blockRow, type Person, person } from "../services/messages.fixtures.ts";

/**
 * A profile seen by a member is kept for them under its owner's, their marks' and their ties'
 * versions: each change below, made within the seconds a kept page lives, shows on the next request.
 */
describe("kept profile pages", () => {
  let ctx: TestContext;
  let ana: Person;
  let bob: Person;
  let cat: Person;
  let ana1: TestClient;
  let bob1: TestClient;
  let cat1: TestClient;
  before(async () => {
    ctx = await createTestContext();
    ana = await person(ctx.deps, "ana", "Ana Lima");
    bob = await person(ctx.deps, "bob", "Bob Stone");
    cat = await person(ctx.deps, "cat", "Cat Moss");
    ana1 = await signedInClient(ctx, ana, { "accept-language": "en" });
    bob1 = await signedInClient(ctx, bob, { "accept-language": "en" });
    cat1 = await signedInClient(ctx, cat, { "accept-language": "en" });
  });
  after(() => ctx.close());

  const bobAsAna = async () => {
    const response = await ana1.get("/@bob");
    assert.equal(response.status, 200);
    return response.text();
  };

  it("shows the owner's new post, edited profile, and others' reactions at once", async () => {
    assert.doesNotMatch(await bobAsAna(), /Freshly written/);
    await bob1.post("/posts", { body: "Freshly written", visibility: "public" });
    assert.match(await bobAsAna(), /Freshly written/);
    const edit = await bob1.post("/profile/edit", {
      displayName: "Bob Renamed",
      headline: "Lighthouse keeper",
    });
    assert.equal(edit.status, 303);
    const page = await bobAsAna();
    assert.match(page, /Bob Renamed/);
    assert.match(page, /Lighthouse keeper/);
    const { id } = await ctx.deps.db
      .selectFrom("posts")
      .select("id")
      .where("author_id", "=", bob.accountId)
      .executeTakeFirstOrThrow();
    await cat1.post(`/posts/${id}/react`, { reaction: "celebrate" });
    assert.match(
      await bobAsAna(),
      /value="celebrate"[^>]*aria-pressed="false"(?:(?!<\/button>).)*<span class="count"> 1<\/span>/,
    );
    await ana1.post(`/posts/${id}/react`, { reaction: "like" });
    assert.match(await bobAsAna(), /value="like"[^>]*aria-pressed="true"/);
  });

  it("shows the viewer's own follow at once, and a block by the owner hides everything", async () => {
    assert.match(await bobAsAna(), />Follow</);
    await ana1.post("/@bob/follow", {});
    assert.match(await bobAsAna(), />Unfollow</);
    await blockRow(ctx.deps, bob, ana);
    assert.equal((await ana1.get("/@bob")).status, 404);
  });

  it("keeps one member's page to themselves", async () => {
    const asCat = await (await cat1.get("/@ana")).text();
    const asBob = await (await bob1.get("/@ana")).text();
    assert.match(asCat, /@cat/);
    assert.doesNotMatch(asCat, /@bob<\/summary>/);
    assert.match(asBob, /@bob<\/summary>/);
  });
});
