import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPost } from "../../src/services/posts/create.ts";
import { search } from "../../src/services/search/search.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { type Member, member } from "./events.fixtures.ts";

describe("search", () => {
  let ctx: TestContext;
  let ada: Member;
  let bob: Member;
  before(async () => {
    ctx = await createTestContext();
    ada = await member(ctx, "ada");
    bob = await member(ctx, "lighthousekeeper");
    for (const body of [
      "The old Lighthouse at dawn",
      "Lighthouses of Brittany",
      "A phare, a lighthouse: the Éclairage",
    ])
      await createPost(ctx.deps, bob.viewer, { body, visibility: "public" });
  });
  after(() => ctx.close());

  const bodies = async (q: string) => (await search(ctx.deps, ada.viewer, q)).posts.map((p) => p.body).sort();

  it("finds posts by whole words, whatever their case, accents or number, newest first", async () => {
    assert.deepEqual(await bodies("lighthouse"), [
      "A phare, a lighthouse: the Éclairage",
      "Lighthouses of Brittany",
      "The old Lighthouse at dawn",
    ]);
    assert.deepEqual(await bodies("LIGHTHOUSE dawn"), ["The old Lighthouse at dawn"]);
    assert.deepEqual(await bodies("eclairage"), ["A phare, a lighthouse: the Éclairage"]);
    assert.deepEqual(await bodies("éclairage"), ["A phare, a lighthouse: the Éclairage"]);
    assert.deepEqual(await bodies("light"), [], "a piece of a word is not the word");
    const newest = (await search(ctx.deps, ada.viewer, "lighthouse")).posts[0]?.body;
    assert.equal(newest, "A phare, a lighthouse: the Éclairage");
  });

  it("finds people by the beginning of their handle or name", async () => {
    const people = (await search(ctx.deps, ada.viewer, "lighth")).people.map((p) => p.handle);
    assert.deepEqual(people, ["lighthousekeeper"]);
  });

  it("finds no one across a block, either way, and no post of a muted or blocked author", async () => {
    const cleo = await member(ctx, "cleo_lighthouse");
    await createPost(ctx.deps, cleo.viewer, {
      body: "A lighthouse seen from the ferry",
      visibility: "public",
    });
    const handles = async (who: Member | null, q: string) =>
      (await search(ctx.deps, who?.viewer ?? null, q)).people.map((p) => p.handle).sort();
    const ferry = async (who: Member) =>
      (await search(ctx.deps, who.viewer, "lighthouse")).posts.some((p) => p.body.includes("ferry"));
    assert.deepEqual(await handles(ada, "lighthouse"), ["cleo_lighthouse", "lighthousekeeper"]);
    assert.ok(await ferry(ada));
    const now = new Date().toISOString();
    await ctx.deps.db
      .insertInto("mutes")
      .values({ owner_id: ada.viewer.accountId, target_id: cleo.viewer.accountId, created_at: now })
      .execute();
    assert.ok(!(await ferry(ada)), "a muted author's posts are not found");
    assert.deepEqual(
      await handles(ada, "lighthouse"),
      ["cleo_lighthouse", "lighthousekeeper"],
      "muted, still a person",
    );
    await ctx.deps.db
      .insertInto("blocks")
      .values({ owner_id: cleo.viewer.accountId, target_id: bob.viewer.accountId, created_at: now })
      .execute();
    assert.deepEqual(await handles(bob, "lighthouse"), ["lighthousekeeper"], "blocked by them");
    assert.ok(!(await ferry(bob)));
    assert.deepEqual(await handles(cleo, "lighthouse"), ["cleo_lighthouse"], "blocked by me");
    assert.deepEqual(await handles(null, "lighthouse"), ["cleo_lighthouse", "lighthousekeeper"], "a visitor");
  });

  it("finds someone who is not discoverable only by their exact handle, and people by a public tag", async () => {
    const dora = await member(ctx, "dora_quiet");
    await ctx.deps.db
      .updateTable("accounts")
      .set({ discoverable: 0 })
      .where("actor_id", "=", dora.viewer.accountId)
      .execute();
    await ctx.deps.db
      .insertInto("profile_tags")
      .values({ actor_id: ada.viewer.accountId, tag: "sailing" })
      .execute();
    const handles = async (who: Member | null, q: string) =>
      (await search(ctx.deps, who?.viewer ?? null, q)).people.map((p) => p.handle);
    for (const who of [bob, null]) {
      assert.deepEqual(await handles(who, "dora"), []);
      assert.deepEqual(await handles(who, "dora quiet"), ["dora_quiet"]);
      assert.deepEqual(await handles(who, "sailing"), ["ada"]);
    }
  });

  it("finds hashtags by their beginning, only those on a post the viewer may see", async () => {
    await createPost(ctx.deps, bob.viewer, { body: "Out at sea #seafaring", visibility: "public" });
    await createPost(ctx.deps, bob.viewer, {
      body: "Only for close ones #seasecret",
      visibility: "connections",
    });
    const tags = async (who: Member | null) => (await search(ctx.deps, who?.viewer ?? null, "sea")).hashtags;
    assert.deepEqual(await tags(bob), ["seafaring", "seasecret"]);
    assert.deepEqual(await tags(ada), ["seafaring"]);
    assert.deepEqual(await tags(null), ["seafaring"]);
  });
});
