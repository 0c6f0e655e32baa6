import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPost } from "../../src/services/posts/create.ts";
import { search } from "../../src/services/search/search.ts";
import { createTestContext, type TestContext, testEngine } from "../helpers/context.ts";
import { connect, type Member, member } from "./events.fixtures.ts";

/** Search as a French or English reader types: accents, case and number aside, on both engines. */
describe(`search: accents and word forms (${testEngine})`, () => {
  let ctx: TestContext;
  let ada: Member;
  let bob: Member;
  let cleo: Member;
  before(async () => {
    ctx = await createTestContext();
    ada = await member(ctx, "ada");
    bob = await member(ctx, "bob");
    cleo = await member(ctx, "cleo");
    await connect(ctx, ada, bob);
    for (const body of [
      "Un café au Marais",
      "CAFÉ CRÈME tomorrow",
      // Typed with a combining accent (as some keyboards send it).
      "Le cafe\u0301 du port",
      "A cafeteria downtown",
      "Prochaine reunion jeudi",
      "Notre Réunion annuelle",
      "Our monthly meetup",
      "Two meetups this week",
      "Une rencontre au parc",
      "Les rencontres de juin",
      "Утренняя йога",
    ])
      await createPost(ctx.deps, bob.viewer, { body, visibility: "public" });
    await createPost(ctx.deps, bob.viewer, { body: "Un café entre nous", visibility: "connections" });
  });
  after(() => ctx.close());

  const bodies = async (who: Member | null, q: string) =>
    (await search(ctx.deps, who?.viewer ?? null, q)).posts.map((p) => p.body).sort();

  it("finds a word whatever its accents and case, and not a longer word", async () => {
    const cafe = ["CAFÉ CRÈME tomorrow", "Le cafe\u0301 du port", "Un café au Marais"];
    for (const q of ["cafe", "café", "CAFÉ", "Cafe\u0301"]) assert.deepEqual(await bodies(cleo, q), cafe, q);
    assert.deepEqual(await bodies(cleo, "creme cafe"), ["CAFÉ CRÈME tomorrow"]);
    for (const q of ["réunion", "reunion", "REUNION"])
      assert.deepEqual(await bodies(cleo, q), ["Notre Réunion annuelle", "Prochaine reunion jeudi"], q);
  });

  it("finds the singular and the plural of a word, in English and in French", async () => {
    for (const q of ["meetup", "meetups"])
      assert.deepEqual(await bodies(cleo, q), ["Our monthly meetup", "Two meetups this week"], q);
    for (const q of ["rencontre", "rencontres"])
      assert.deepEqual(await bodies(cleo, q), ["Les rencontres de juin", "Une rencontre au parc"], q);
    assert.deepEqual(await bodies(cleo, "cafes"), [
      "CAFÉ CRÈME tomorrow",
      "Le cafe\u0301 du port",
      "Un café au Marais",
    ]);
  });

  it("keeps the words of other scripts, marks and all", async () => {
    assert.deepEqual(await bodies(cleo, "йога"), ["Утренняя йога"]);
  });

  it("still shows each reader only what they may see", async () => {
    assert.ok((await bodies(ada, "cafe")).includes("Un café entre nous"), "a connection");
    assert.ok(!(await bodies(cleo, "cafe")).includes("Un café entre nous"), "not a stranger");
    assert.ok(!(await bodies(null, "cafe")).includes("Un café entre nous"), "not a visitor");
  });

  it("finds people and hashtags without their accents", async () => {
    await ctx.deps.db
      .updateTable("actors")
      .set({ display_name: "Hélène Crémieux" })
      .where("id", "=", ada.viewer.accountId)
      .execute();
    for (const q of ["helene", "Hélène", "cremi"])
      assert.deepEqual(
        (await search(ctx.deps, cleo.viewer, q)).people.map((p) => p.handle),
        ["ada"],
        q,
      );
    await createPost(ctx.deps, bob.viewer, { body: "Le #Café du coin", visibility: "public" });
    for (const q of ["caf", "café", "CAFE"])
      assert.deepEqual((await search(ctx.deps, cleo.viewer, q)).hashtags, ["cafe"], q);
  });
});
