import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { ensureFreshTimeline } from "../../src/services/timelines/home.ts";
import type { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { connect, type Person, person, post } from "../services/posts.fixtures.ts";

/** The links of a page's pager ("Newest posts", "Older posts"), as [text, href]. */
function pagerLinks(html: string): [string, string][] {
  const pager = /<nav[^>]*class="pager"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
  return [...pager.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [
    m[2] as string,
    (m[1] as string).replace(/&amp;/g, "&"),
  ]);
}

describe("timeline pages: back to the newest from page two on", () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;
  let client: TestClient;
  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice");
    bob = await person(ctx.deps, "bob", "Bob");
    await connect(ctx.deps, alice, bob);
    await ensureFreshTimeline(ctx.deps, bob.accountId);
    // More than a page (20) everywhere.
    for (let i = 0; i < 25; i++) {
      ctx.clock.advance(1000);
      await post(ctx.deps, alice, { body: `Note ${i} #paging`, visibility: "public" });
    }
    await drainJobs(ctx.deps);
    client = await signedInClient(ctx, bob);
  });
  after(() => ctx.close());

  for (const [name, first] of [
    ["home", "/"],
    ["connections", "/timelines/connections"],
    ["public", "/timelines/public"],
    ["hashtag", "/tags/paging"],
  ] as const) {
    it(`${name}: page one has only "Older posts"; page two has "Newest posts" back to page one`, async () => {
      const one = pagerLinks(await (await client.get(first)).text());
      assert.equal(one.length, 1, JSON.stringify(one));
      assert.equal(one[0]?.[0], "Older posts");
      const two = pagerLinks(await (await client.get(one[0]?.[1] as string)).text());
      assert.deepEqual(
        two.map(([text]) => text),
        ["Newest posts"],
      );
      assert.equal(two[0]?.[1], first);
    });
  }

  it("says it in French too", async () => {
    const french = await signedInClient(ctx, bob, { "accept-language": "fr" });
    const one = pagerLinks(await (await french.get("/timelines/public")).text());
    const two = pagerLinks(await (await french.get(one[0]?.[1] as string)).text());
    assert.deepEqual(
      two.map(([text]) => text),
      ["Publications les plus récentes"],
    );
  });
});
