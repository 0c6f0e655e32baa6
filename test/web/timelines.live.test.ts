import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { mute } from "../../src/services/moderation/mute.ts";
import { ensureFreshTimeline } from "../../src/services/timelines/home.ts";
import { countNewPosts, type TimelineWatch } from "../../src/services/timelines/new-posts.ts";
import { tagCursor } from "../../src/services/timelines/public.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { blockRow, post, type World, world } from "../services/posts.fixtures.ts";

/** The live region of a page: its data attributes, or null when the page has none. */
function liveRegion(html: string): Record<string, string> | null {
  const tag = /<div[^>]*class="new-posts"[^>]*>/.exec(html)?.[0];
  if (!tag) return null;
  return Object.fromEntries([...tag.matchAll(/data-live-([a-z]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

const ZERO = "00000000-0000-0000-0000-000000000000";

describe("the live 'new posts' link on the connections, public and hashtag timelines", () => {
  let ctx: TestContext;
  let w: World;
  before(async () => {
    ctx = await createTestContext();
    w = await world(ctx.deps);
    for (const who of [w.alice, w.bob, w.carol, w.dan, w.erin])
      await ensureFreshTimeline(ctx.deps, who.accountId);
  });
  after(() => ctx.close());

  it("each first page tells live.js which timeline to watch and from which entry", async () => {
    const first = await post(ctx.deps, w.alice, { body: "Before the page #harbour", visibility: "public" });
    await drainJobs(ctx.deps);
    const bob = await signedInClient(ctx, w.bob);
    const region = async (path: string) => liveRegion(await (await bob.get(path)).text());
    assert.deepEqual(await region("/timelines/connections"), { since: first, timeline: "connections" });
    assert.deepEqual(await region("/timelines/public"), { since: first, timeline: "public" });
    const tagged = await region("/tags/harbour");
    assert.equal(tagged?.timeline, "tag");
    assert.equal(tagged?.tag, "harbour");
    const createdAt = (
      await ctx.deps.db
        .selectFrom("posts")
        .select("created_at")
        .where("id", "=", first)
        .executeTakeFirstOrThrow()
    ).created_at;
    assert.equal(tagged?.since, tagCursor(createdAt, first));
    // Home keeps its short form (no timeline: home is the default).
    assert.deepEqual(await region("/"), { since: first });
    // An empty timeline counts from the start.
    assert.deepEqual(await region("/tags/nothinghere"), {
      since: tagCursor(new Date(0).toISOString(), ZERO),
      timeline: "tag",
      tag: "nothinghere",
    });
  });

  it("only first pages, and only for members (visitors load no live script)", async () => {
    for (let i = 0; i < 21; i++)
      await post(ctx.deps, w.alice, { body: `Filler ${i} #filler`, visibility: "public" });
    await drainJobs(ctx.deps);
    const bob = await signedInClient(ctx, w.bob);
    const html = await (await bob.get("/timelines/public")).text();
    const older = /href="(\/timelines\/public\?before=[^"]+)"/.exec(html)?.[1];
    assert.ok(older);
    assert.equal(liveRegion(await (await bob.get(older)).text()), null);
    const visitor = new TestClient(ctx.app);
    assert.equal(liveRegion(await (await visitor.get("/timelines/public")).text()), null);
    assert.equal(liveRegion(await (await visitor.get("/tags/filler")).text()), null);
  });

  it("counts only the posts that timeline would show the viewer", async () => {
    const start = (
      await ctx.deps.db
        .selectFrom("posts")
        .select((eb) => eb.fn.max("id").as("id"))
        .executeTakeFirstOrThrow()
    ).id as string;
    const startTag = tagCursor(ctx.deps.clock.now().toISOString(), ZERO);
    ctx.clock.advance(1000);
    await post(ctx.deps, w.alice, { body: "Open to all #lantern", visibility: "public" });
    await post(ctx.deps, w.alice, { body: "For followers #lantern", visibility: "followers" });
    await post(ctx.deps, w.alice, { body: "For connections #lantern", visibility: "connections" });
    await post(ctx.deps, w.alice, { body: "Only @mia #lantern", visibility: "mentioned" });
    await post(ctx.deps, w.bob, { body: "Bob's own #lantern", visibility: "public" });
    await drainJobs(ctx.deps);
    const count = (who: { accountId: string } | null, watch: TimelineWatch) =>
      countNewPosts(ctx.deps.db, who?.accountId ?? null, watch);
    const pub: TimelineWatch = { kind: "public", since: start };
    const tag: TimelineWatch = { kind: "tag", tag: "lantern", since: startTag };
    const connections: TimelineWatch = { kind: "connections", since: start };

    // Bob, Alice's connection: her public post on the public timeline (his own is not news to him);
    // on the hashtag, what he may see of hers; among connections, her public, followers and
    // connections posts.
    assert.equal(await count(w.bob, pub), 1);
    assert.equal(await count(w.bob, tag), 3);
    assert.equal(await count(w.bob, connections), 3);
    // Carol follows Alice: public and followers posts on the hashtag, Bob's too; no connection.
    assert.equal(await count(w.carol, pub), 2);
    assert.equal(await count(w.carol, tag), 3);
    assert.equal(await count(w.carol, connections), 0);
    // Mia is mentioned: the mentioned-only post on the hashtag, never on the public timeline.
    assert.equal(await count(w.mia, pub), 2);
    assert.equal(await count(w.mia, tag), 3);
    // Dan, a stranger, and a visitor: public posts only.
    assert.equal(await count(w.dan, pub), 2);
    assert.equal(await count(w.dan, tag), 2);
    assert.equal(await count(null, pub), 2);
    assert.equal(await count(null, tag), 2);
    // Erin, blocked by Alice: none of Alice's posts, anywhere.
    assert.equal(await count(w.erin, pub), 1);
    assert.equal(await count(w.erin, tag), 1);
    assert.equal(await count(w.erin, connections), 0);
    // Dan blocks Bob, Carol mutes him: Bob's post leaves their counts.
    await blockRow(ctx.deps, w.dan, w.bob);
    assert.equal(await count(w.dan, pub), 1);
    assert.equal(await count(w.dan, tag), 1);
    await mute(ctx.deps, w.carol.viewer, w.bob.accountId);
    assert.equal(await count(w.carol, pub), 1);
    assert.equal(await count(w.carol, tag), 2);
    // A malformed hashtag cursor counts nothing rather than everything.
    assert.equal(await count(w.dan, { kind: "tag", tag: "lantern", since: "nonsense" }), 0);
  });
});
