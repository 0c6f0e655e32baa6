import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { boost } from "../../src/services/posts/boost.ts";
import { ENGAGEMENT_PAGE_SIZE } from "../../src/services/posts/engagement.ts";
import { react } from "../../src/services/posts/react.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { blockRow, type Person, person, post } from "../services/posts.fixtures.ts";

/** Who reacted to a post and who boosted it: the lists, their filters and pages, and who may read them. */
describe("posts: who reacted, who boosted", () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  let dan: Person;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
    bob = await person(ctx.deps, "bob", "Bob Durand");
    carol = await person(ctx.deps, "carol", "Carol Petit");
    dan = await person(ctx.deps, "dan", "Dan Roux");
  });
  after(() => ctx.close());

  /** The display names listed on a page, in order. */
  const names = (html: string) =>
    [...html.matchAll(/<a href="\/@[a-z0-9_]+">([^<]+)<\/a> <span class="handle">/g)].map((m) => m[1]);

  /** The reaction tabs on a page and their counts, "All" first: `["All 2", "Like 1", …]`. */
  const tabs = (html: string) => {
    const nav = /<nav class="subnav"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
    return [...nav.matchAll(/<a [^>]*>([\s\S]*?)<\/a>/g)].map((m) =>
      (m[1] ?? "")
        .replace(/<span aria-hidden="true">[^<]*<\/span>/g, "")
        .replace(/<[^>]+>/g, "")
        .trim(),
    );
  };

  it("lists who reacted, all or by reaction, and who boosted, linked from the post", async () => {
    const id = await post(ctx.deps, alice, { body: "Lighthouse at dawn" });
    await react(ctx.deps, bob.viewer, id, "like");
    await react(ctx.deps, carol.viewer, id, "love");
    await boost(ctx.deps, dan.viewer, id);
    const visitor = new TestClient(ctx.app);

    const postPage = await (await visitor.get(`/@alice/posts/${id}`)).text();
    assert.match(postPage, new RegExp(`href="/@alice/posts/${id}/reactions">Who reacted</a>`));
    assert.match(postPage, new RegExp(`href="/@alice/posts/${id}/boosts">Who boosted</a>`));

    const profile = await (await visitor.get("/@alice")).text();
    assert.match(
      profile,
      new RegExp(`href="/@alice/posts/${id}/reactions">Who reacted</a>`),
      "on profile cards too",
    );

    const all = await visitor.get(`/@alice/posts/${id}/reactions`);
    assert.equal(all.status, 200);
    const allHtml = await all.text();
    assert.match(allHtml, /<h1>Reactions to Alice Martin’s post<\/h1>/);
    assert.deepEqual(names(allHtml), ["Carol Petit", "Bob Durand"], "newest first");
    assert.match(allHtml, /All 2/);

    const loves = await (await visitor.get(`/@alice/posts/${id}/reactions?reaction=love`)).text();
    assert.deepEqual(names(loves), ["Carol Petit"]);

    const boosts = await (await visitor.get(`/@alice/posts/${id}/boosts`)).text();
    assert.deepEqual(names(boosts), ["Dan Roux"]);

    const french = new TestClient(ctx.app, { "accept-language": "fr" });
    assert.match(
      await (await french.get(`/@alice/posts/${id}/reactions`)).text(),
      /<h1>Réactions à la publication d’Alice Martin<\/h1>/,
    );
    assert.equal((await visitor.get(`/@bob/posts/${id}/reactions`)).status, 404, "under its author only");
  });

  it("is as visible as the post, and leaves out people in a block with the reader", async () => {
    const id = await post(ctx.deps, alice, { body: "Only for followers", visibility: "followers" });
    await react(ctx.deps, alice.viewer, id, "like");
    assert.equal((await new TestClient(ctx.app).get(`/@alice/posts/${id}/reactions`)).status, 404);
    assert.equal((await (await signedInClient(ctx, dan)).get(`/@alice/posts/${id}/reactions`)).status, 404);

    const open = await post(ctx.deps, alice, { body: "Open to all" });
    await react(ctx.deps, bob.viewer, open, "like");
    await react(ctx.deps, carol.viewer, open, "like");
    await blockRow(ctx.deps, carol, dan);
    const asDan = await signedInClient(ctx, dan);
    assert.deepEqual(names(await (await asDan.get(`/@alice/posts/${open}/reactions`)).text()), [
      "Bob Durand",
    ]);
  });

  it("counts on its tabs only the people the reader can see listed, blocks either way left out", async () => {
    const erin = await person(ctx.deps, "erin", "Erin Blanc");
    const fred = await person(ctx.deps, "fred", "Fred Noir");
    const id = await post(ctx.deps, alice, { body: "Tallied" });
    await react(ctx.deps, bob.viewer, id, "like");
    await react(ctx.deps, erin.viewer, id, "like");
    await react(ctx.deps, fred.viewer, id, "love");
    await blockRow(ctx.deps, erin, carol); // Erin blocked Carol…
    await blockRow(ctx.deps, carol, fred); // …and Carol blocked Fred.

    const asCarol = await signedInClient(ctx, carol);
    const all = await (await asCarol.get(`/@alice/posts/${id}/reactions`)).text();
    assert.deepEqual(names(all), ["Bob Durand"]);
    assert.deepEqual(tabs(all), ["All 1", "Like 1"], "no one the list leaves out is counted");
    const likes = await (await asCarol.get(`/@alice/posts/${id}/reactions?reaction=like`)).text();
    assert.deepEqual(tabs(likes), ["All 1", "Like 1"], "the same on a filtered tab");

    const visitor = new TestClient(ctx.app);
    assert.deepEqual(
      tabs(await (await visitor.get(`/@alice/posts/${id}/reactions`)).text()),
      ["All 3", "Like 2", "Love 1"],
      "everyone, for a reader in no block",
    );
  });

  it("pages through a long list", async () => {
    const id = await post(ctx.deps, alice, { body: "Popular" });
    const people: Person[] = [];
    for (let i = 0; i <= ENGAGEMENT_PAGE_SIZE; i++) {
      const fan = await person(ctx.deps, `fan${i}`, `Fan ${i}`);
      await react(ctx.deps, fan.viewer, id, "celebrate");
      people.push(fan);
    }
    const visitor = new TestClient(ctx.app);
    const first = await (await visitor.get(`/@alice/posts/${id}/reactions?reaction=celebrate`)).text();
    assert.equal(names(first).length, ENGAGEMENT_PAGE_SIZE);
    const more = /href="([^"]+)">More people</.exec(first)?.[1]?.replace(/&amp;/g, "&");
    if (!more?.includes("reaction=celebrate")) assert.fail("the next page keeps the filter");
    const second = await (await visitor.get(more)).text();
    assert.equal(names(second).length, 1);
    assert.equal(
      new Set([...names(first), ...names(second)]).size,
      ENGAGEMENT_PAGE_SIZE + 1,
      "each person once",
    );
    assert.doesNotMatch(second, /More people/);
  });
});
