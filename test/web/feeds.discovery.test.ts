import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { type Person, person } from "../services/posts.fixtures.ts";

/** The document's head, where browsers and feed readers look for links. */
const headOf = (html: string) => /<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? "";

describe("feed autodiscovery and the site's icon", () => {
  let ctx: TestContext;
  let alice: Person;
  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
  });
  after(() => ctx.close());

  it("a profile's head links its Atom and RSS feeds, for visitors and members alike", async () => {
    for (const client of [new TestClient(ctx.app), await signedInClient(ctx, alice)]) {
      const response = await client.get("/@alice");
      assert.equal(response.status, 200);
      const head = headOf(await response.text());
      assert.match(
        head,
        /<link rel="alternate" type="application\/atom\+xml" href="\/@alice\/feed\.atom" title="Alice Martin \(@alice\) on Liens"\/>/,
      );
      assert.match(
        head,
        /<link rel="alternate" type="application\/rss\+xml" href="\/@alice\/feed\.rss" title="[^"]+"\/>/,
      );
      // The feeds it names exist.
      for (const [path, type] of [
        ["/@alice/feed.atom", "application/atom+xml"],
        ["/@alice/feed.rss", "application/rss+xml"],
      ] as const) {
        const feed = await client.get(path);
        assert.equal(feed.status, 200);
        assert.match(feed.headers.get("content-type") ?? "", new RegExp(`^${type.replace("+", "\\+")}`));
      }
    }
  });

  it("every page's head names an icon, served as SVG with long caching, also at /favicon.ico", async () => {
    const client = new TestClient(ctx.app);
    for (const path of ["/", "/signin", "/timelines/public", "/@alice"]) {
      const head = headOf(await (await client.get(path)).text());
      assert.match(head, /<link rel="icon" type="image\/svg\+xml" href="\/favicon\.svg"\/>/, path);
    }
    for (const path of ["/favicon.svg", "/favicon.ico"]) {
      const response = await client.get(path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get("content-type"), "image/svg+xml");
      const maxAge = Number(/max-age=(\d+)/.exec(response.headers.get("cache-control") ?? "")?.[1]);
      assert.ok(maxAge >= 86_400, `cached for a day at least: ${maxAge}`);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff");
      const body = await response.text();
      assert.match(body, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.doesNotMatch(body, /<script/i);
    }
  });
});
