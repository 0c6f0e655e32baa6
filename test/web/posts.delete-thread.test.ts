import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { connect, type Person, person, post } from "../services/posts.fixtures.ts";

/** The HTML of one card (its <article>), found by the post's id. */
function article(html: string, id: string): string {
  const start = html.indexOf(`id="post-${id}"`);
  assert.ok(start >= 0, `the card of ${id}`);
  return html.slice(html.lastIndexOf("<article", start), html.indexOf("</article>", start));
}

describe("deleting a comment over HTTP: others' replies stay under a placeholder", () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  let b: TestClient;
  let c: TestClient;
  let root = "";
  let comment = "";
  let reply = "";

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
    bob = await person(ctx.deps, "bob", "Bob Durand");
    carol = await person(ctx.deps, "carol", "Carol Petit");
    await connect(ctx.deps, alice, bob);
    await connect(ctx.deps, alice, carol);
    b = await signedInClient(ctx, bob);
    c = await signedInClient(ctx, carol);
    root = await post(ctx.deps, alice, { body: "Where shall we meet?" });
    comment = await post(ctx.deps, bob, { body: "Bob suggests the harbour", parentId: root });
    reply = await post(ctx.deps, carol, { body: "Carol likes the harbour", parentId: comment });
    await post(ctx.deps, alice, { body: "Alice agrees with Carol", parentId: reply });
  });
  after(() => ctx.close());

  it("counts the whole thread on the root's card", async () => {
    const html = await (await c.get("/@alice")).text();
    assert.match(article(html, root), /Comment \(3\)/);
  });

  it("says on the confirmation page that others' replies stay", async () => {
    const html = await (await b.get(`/posts/${comment}/delete`)).text();
    assert.match(html, /Replies by other people stay where they are/);
    assert.doesNotMatch(html, /every reply under it/);
  });

  it("keeps the replies in place under “This comment was deleted.”, with nothing of Bob's", async () => {
    const deleted = await b.post(`/posts/${comment}/delete`, {});
    assert.equal(deleted.status, 303);
    assert.equal(deleted.headers.get("location"), `/@alice/posts/${root}`);
    const html = await (await c.get(`/@alice/posts/${root}`)).text();
    const placeholder = article(html, comment);
    assert.match(placeholder, /This comment was deleted\./);
    assert.doesNotMatch(placeholder, /Bob|harbour|<form|<button/);
    assert.doesNotMatch(html, /Bob suggests/);
    assert.match(html, /Carol likes the harbour/);
    assert.match(html, /Alice agrees with Carol/);
    assert.ok(html.indexOf(`id="post-${comment}"`) < html.indexOf(`id="post-${reply}"`), "in its place");
    assert.match(article(html, root), /Comment \(2\)/, "placeholders are not counted");
    const profile = await (await c.get("/@alice")).text();
    assert.match(article(profile, root), /Comment \(2\)/);
    const visitor = new TestClient(ctx.app, { "accept-language": "fr" });
    const french = await (await visitor.get(`/@alice/posts/${root}`)).text();
    assert.match(article(french, comment), /Ce commentaire a été supprimé\./);
  });

  it("refuses a reply to the placeholder, replayed or not, keeping the text", async () => {
    const page = await c.get(`/@alice/posts/${comment}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /This comment was deleted: it can no longer be answered\./);
    assert.doesNotMatch(html, new RegExp(`action="/posts/${comment}/reply"`));
    assert.match(html, /Carol likes the harbour/, "its replies, under it");
    const replayed = await c.post(`/posts/${comment}/reply`, {
      body: "Late answer to Bob",
      visibility: "public",
    });
    assert.equal(replayed.status, 409);
    const refused = await replayed.text();
    assert.match(refused, /This comment was deleted: your reply was not published\./);
    assert.match(refused, /Late answer to Bob/);
    const count = await ctx.deps.db
      .selectFrom("posts")
      .select("id")
      .where("parent_id", "=", comment)
      .execute();
    assert.equal(count.length, 1);
  });

  it("leads an old link to its place, and refuses reactions and bookmarks with a clear message", async () => {
    const old = await c.get(`/@bob/posts/${comment}`);
    assert.equal(old.status, 301);
    assert.equal(old.headers.get("location"), `/@alice/posts/${comment}`);
    assert.equal((await c.get(`/posts/${comment}`)).status, 404, "not a card anywhere else");
    for (const action of ["react", "bookmark"]) {
      const response = await c.post(`/posts/${comment}/${action}`, { reaction: "like", next: "/" });
      assert.equal(response.status, 409, action);
      assert.match(await response.text(), /This comment was deleted: it can no longer be reacted to/);
    }
    const a = await signedInClient(ctx, alice);
    assert.equal((await a.get(`/posts/${comment}/edit`)).status, 404);
    assert.equal((await a.post(`/posts/${comment}/delete`, {})).status, 409);
  });
});
