import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { type Person, person, post } from "../services/posts.fixtures.ts";

const NOTHING = {
  en: "Nothing to search for: type at least one word, name or #hashtag, with letters or digits.",
  fr: "Rien à chercher\u202f: saisissez au moins un mot, un nom ou un #hashtag, avec des lettres ou des chiffres.",
};

/** The hashtags a search page lists. */
const hashtagsOn = (html: string) => {
  const at = html.indexOf('id="search-hashtags"');
  return at < 0 ? [] : [...html.slice(at).matchAll(/rel="tag">#([^<]+)</g)].map((m) => m[1]);
};

/** What a person typing odd things into the search field gets: a clear answer, never an error. */
describe("search: odd queries, plurals of hashtags, French", () => {
  let ctx: TestContext;
  let alice: Person;
  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice");
    await post(ctx.deps, alice, { body: "Le #meetup du jeudi au #Café", visibility: "public" });
    await post(ctx.deps, alice, { body: "Dessert : #crème_brûlée et #CrèmeAnglaise", visibility: "public" });
  });
  after(() => ctx.close());

  it("says there is nothing to search for when the query has no word, in both languages", async () => {
    const member = await signedInClient(ctx, alice);
    for (const [lang, client] of [
      ["en", new TestClient(ctx.app)],
      ["fr", new TestClient(ctx.app, { "accept-language": "fr" })],
      ["en", member],
    ] as const) {
      for (const q of ["", "   ", "#", "##", "!!!", '"', "@", "😀", "« »"]) {
        const response = await client.get(`/search?q=${encodeURIComponent(q)}`);
        assert.equal(response.status, 200, q);
        const html = await response.text();
        assert.ok(html.includes(NOTHING[lang]), `${lang} ${JSON.stringify(q)} says so`);
        assert.match(html, /aria-describedby="search-hint search-nothing"/);
        assert.ok(!html.includes('id="search-posts"'), `${JSON.stringify(q)}: no empty sections`);
      }
      // Arriving on the page (no query sent yet) is no mistake.
      const blank = await (await client.get("/search")).text();
      assert.ok(!blank.includes(NOTHING[lang]));
    }
  });

  it("finds #meetup and #cafe from their plurals, as it finds the posts", async () => {
    for (const client of [new TestClient(ctx.app), await signedInClient(ctx, alice)]) {
      for (const [q, tag] of [
        ["meetups", "meetup"],
        ["Meetups", "meetup"],
        ["cafés", "cafe"],
        ["#Cafés", "cafe"],
        ["meetup", "meetup"],
      ] as const) {
        const html = await (await client.get(`/search?q=${encodeURIComponent(q)}`)).text();
        assert.deepEqual(hashtagsOn(html), [tag], q);
        assert.match(html, /#meetup<\/a> du jeudi/, `${q} finds the post`);
      }
    }
  });

  it("finds a hashtag written with underscores from its words, and one written as one word", async () => {
    const client = new TestClient(ctx.app);
    for (const [q, tags] of [
      ["crème brûlée", ["creme_brulee"]],
      ["Creme Brulee", ["creme_brulee"]],
      ["creme", ["creme_brulee", "cremeanglaise"]],
      ["crème anglaise", ["cremeanglaise"]],
    ] as const) {
      const html = await (await client.get(`/search?q=${encodeURIComponent(q)}`)).text();
      assert.deepEqual(hashtagsOn(html), tags, q);
    }
  });

  it("says in French that nobody was found, and keeps a long query to the field's length", async () => {
    const french = new TestClient(ctx.app, { "accept-language": "fr" });
    const html = await (await french.get("/search?q=zzzz")).text();
    assert.match(html, /<p class="muted">Aucune personne trouvée\.<\/p>/);
    const long = await french.get(`/search?q=${"café ".repeat(1000)}`);
    assert.equal(long.status, 200);
    assert.match(
      await long.text(),
      /<input id="search-q" type="search" name="q" value="[^"]{200}" maxlength="200"/,
    );
  });
});
