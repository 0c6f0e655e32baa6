import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { person, post } from "../services/posts.fixtures.ts";

/** The page's title, its entities read back. */
const titleOf = (html: string) =>
  (/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** A long query is cut short in the window's title (only there), never in the middle of a character. */
describe("search: the page's title with a long query", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
    const alice = await person(ctx.deps, "alice", "Alice");
    await post(ctx.deps, alice, { body: "Lantern night at the harbour 🎉" });
  });
  after(() => ctx.close());

  const search = async (q: string, lang = "en") => {
    const client = new TestClient(ctx.app, { "accept-language": lang });
    const response = await client.get(`/search?q=${encodeURIComponent(q)}`);
    assert.equal(response.status, 200);
    return response.text();
  };

  it("keeps a short query whole", async () => {
    assert.equal(titleOf(await search("lantern")), "Results for “lantern” · Liens");
    const sixty = "l".repeat(60);
    assert.equal(titleOf(await search(sixty)), `Results for “${sixty}” · Liens`);
  });

  it("cuts a 200-character query to 60 characters and an ellipsis, leaving the field whole", async () => {
    const long = "l".repeat(200);
    const html = await search(long);
    assert.equal(titleOf(html), `Results for “${"l".repeat(60)}…” · Liens`);
    assert.ok(html.includes(`value="${long}"`), "the field keeps the whole query");
    // Words are cut between them.
    const words = titleOf(await search("lantern ".repeat(25)));
    assert.equal(words, `Results for “${Array(7).fill("lantern").join(" ")}…” · Liens`);
    const french = titleOf(await search(long, "fr"));
    assert.equal(french, `Résultats pour «\u202f${"l".repeat(60)}…\u202f» · Liens`);
  });

  it("counts an emoji as one character and never cuts it in two", async () => {
    const start = "l".repeat(50);
    for (const emoji of ["🎉", "👩‍👩‍👧", "🇫🇷"]) {
      // As much as the field takes (200 UTF-16 units): more than 60 characters each time.
      const q = start + emoji.repeat(Math.floor(150 / emoji.length));
      assert.equal(titleOf(await search(q)), `Results for “${start}${emoji.repeat(10)}…” · Liens`, emoji);
    }
  });
});
