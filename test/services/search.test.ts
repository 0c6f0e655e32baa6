import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPost } from "../../src/services/posts/create.ts";
import { search } from "../../src/services/search/search.ts";
import { createTestContext, type TestContext, testEngine } from "../helpers/context.ts";
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

  it("finds posts by whole words, whatever their case, newest first", async () => {
    assert.deepEqual(await bodies("lighthouse"), [
      "A phare, a lighthouse: the Éclairage",
      "The old Lighthouse at dawn",
    ]);
    assert.deepEqual(await bodies("LIGHTHOUSE dawn"), ["The old Lighthouse at dawn"]);
    // SQLite's tokenizer folds accents; PostgreSQL's 'simple' configuration keeps them.
    if (testEngine === "sqlite")
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
});
