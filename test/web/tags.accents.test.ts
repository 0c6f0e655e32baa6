import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPost } from "../../src/services/posts/create.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { type Member, member } from "../services/events.fixtures.ts";

/** One hashtag page for #café, #Café, #CAFÉ and #cafe, whatever address leads to it. */
describe("hashtag pages: accents and case aside", () => {
  let ctx: TestContext;
  let bob: Member;
  before(async () => {
    ctx = await createTestContext();
    bob = await member(ctx, "bob");
    for (const body of ["Au #café ce matin", "Le #Cafe\u0301 du port", "#CAFÉ crème", "A #cafe downtown"])
      await createPost(ctx.deps, bob.viewer, { body, visibility: "public" });
    await createPost(ctx.deps, bob.viewer, { body: "Rien à voir #caféine", visibility: "public" });
  });
  after(() => ctx.close());

  /** The posts' texts a page shows, in its order (after the redirect to its one address, if any). */
  const postsOn = async (path: string) => {
    const client = new TestClient(ctx.app);
    let response = await client.get(path);
    if (path !== "/tags/cafe") {
      assert.equal(response.status, 301, path);
      assert.equal(response.headers.get("location"), "/tags/cafe", path);
      response = await client.get("/tags/cafe");
    }
    assert.equal(response.status, 200, path);
    const html = await response.text();
    return [...html.matchAll(/href="\/tags\/([^"]+)"[^>]*>([^<]+)</g)].map((m) => `${m[2]} → ${m[1]}`);
  };

  it("shows the same posts at /tags/café, /tags/cafe, /tags/Café, /tags/CAFÉ and the decomposed form", async () => {
    const expected = await postsOn("/tags/cafe");
    assert.deepEqual(expected, ["#cafe → cafe", "#CAFÉ → cafe", "#Cafe\u0301 → cafe", "#café → cafe"]);
    for (const path of [
      "/tags/caf%C3%A9",
      "/tags/Caf%C3%A9",
      "/tags/CAF%C3%89",
      "/tags/cafe%CC%81",
      "/tags/CAFE",
    ])
      assert.deepEqual(await postsOn(path), expected, path);
  });

  it("links each tag as typed to its one page, and keeps other tags apart", async () => {
    const response = await new TestClient(ctx.app).get("/tags/cafeine");
    const html = await response.text();
    assert.match(html, /<a href="\/tags\/cafeine" class="hashtag" rel="tag">#caféine<\/a>/);
    assert.doesNotMatch(html, /du port/, "#caféine is not #café");
  });

  it("finds no page for an address that is no hashtag", async () => {
    for (const path of ["/tags/caf%C3%A9%20bar", "/tags/%F0%9F%98%80", "/tags/a%2Fb"])
      assert.equal((await new TestClient(ctx.app).get(path)).status, 404, path);
  });
});
