import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { connect, type Person, person } from "../services/posts.fixtures.ts";

function postIdFrom(location: string | null): string {
  const match = /\/posts\/([0-9a-f-]{36})/.exec(location ?? "");
  assert.ok(match?.[1], `a post URL: ${location}`);
  return match[1];
}

/** The part of a page inside <main>: the navigation and footer left out. */
function main(html: string): string {
  return html.slice(html.indexOf("<main"), html.indexOf("</main>"));
}

/**
 * A refused comment or vote comes back to the post, with the reason where it belongs and what was
 * typed kept; the delete confirmation shows the post without its actions and says what goes.
 */
describe("posts: refused comments and votes, the delete confirmation", () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;
  let a: TestClient;
  let b: TestClient;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
    bob = await person(ctx.deps, "bob", "Bob Durand");
    await connect(ctx.deps, alice, bob);
    a = await signedInClient(ctx, alice);
    b = await signedInClient(ctx, bob);
  });
  after(() => ctx.close());

  const publish = async (fields: Record<string, string>) =>
    postIdFrom((await a.post("/posts", { visibility: "public", ...fields })).headers.get("location"));

  it("refuses an empty comment with a comment's message, on the post's page, the field focused", async () => {
    const id = await publish({ body: "Say something" });
    const response = await b.post(`/posts/${id}/reply`, { body: "   \n ", visibility: "public" });
    assert.equal(response.status, 422);
    const page = await response.text();
    assert.match(page, /Write your comment before sending it/);
    assert.doesNotMatch(page, /add an image or a poll/, "the comment form has neither");
    assert.match(main(page), /Say something/, "the post's page");
    assert.match(page, /<textarea id="field-body"[^>]* autofocus=""/, "the browser goes to the field");
    // Its links back to "this page" lead to the post, not to an address that only takes a POST.
    assert.match(page, new RegExp(`name="next" value="/@alice/posts/${id}"`));
    assert.doesNotMatch(page, new RegExp(`name="next" value="/posts/${id}/reply"`));

    const typed = "x".repeat(5001);
    const tooLong = await b.post(`/posts/${id}/reply`, { body: typed, visibility: "public" });
    assert.equal(tooLong.status, 422);
    assert.ok((await tooLong.text()).includes(typed), "the typed text is kept");
  });

  it("keeps a comment refused because comments closed meanwhile, to copy, with the way back to the post", async () => {
    const id = await publish({ body: "Closing soon" });
    assert.equal((await a.post(`/posts/${id}/close`, {})).status, 303);
    const response = await b.post(`/posts/${id}/reply`, {
      body: "My long & careful answer",
      visibility: "public",
    });
    assert.equal(response.status, 409);
    const page = main(await response.text());
    assert.match(page, /Comments are closed on this post: your comment was not published/);
    assert.match(
      page,
      /<textarea id="field-refused-body"[^>]* readonly=""[^>]*>My long &amp; careful answer<\/textarea>/,
    );
    assert.match(page, new RegExp(`<a href="/@alice/posts/${id}">Back to the post</a>`));
    assert.match(page, /Closing soon/);
    const written = await ctx.deps.db
      .selectFrom("posts")
      .select("id")
      .where("body", "=", "My long & careful answer")
      .execute();
    assert.equal(written.length, 0);
  });

  it("brings a refused vote back to the post, the reason beside its poll", async () => {
    const id = await publish({
      body: "Tea or coffee?",
      pollOption1: "Tea",
      pollOption2: "Coffee",
      pollDuration: "86400",
    });
    const nothing = await b.post(`/posts/${id}/vote`, {});
    assert.equal(nothing.status, 422);
    const page = main(await nothing.text());
    assert.match(page, /Tea or coffee\?/, "the post's page");
    const poll = page.slice(page.indexOf('<div class="poll">'));
    assert.match(
      poll,
      /^<div class="poll">.*<p class="field-error" id="poll-[0-9a-f-]+-error" role="alert">Choose an answer\.<\/p>/s,
    );
    assert.match(poll, /name="option"/, "the vote form is still there");

    const options = await ctx.deps.db
      .selectFrom("poll_options")
      .select("id")
      .where("post_id", "=", id)
      .orderBy("position")
      .execute();
    // Two tabs: the first vote counts, the second is told so, beside the results.
    assert.equal((await b.post(`/posts/${id}/vote`, { option: options[0]?.id ?? "" })).status, 303);
    const again = await b.post(`/posts/${id}/vote`, { option: options[1]?.id ?? "" });
    assert.equal(again.status, 409);
    const second = main(await again.text());
    const results = second.slice(second.indexOf('<div class="poll">'));
    assert.match(results, /^<div class="poll">.*Poll results.*You already voted in this poll\./s);
    assert.doesNotMatch(second, /Back to the home page/);
  });

  it("confirms a deletion without the post's actions, and names a comment a comment", async () => {
    const id = await publish({ body: "Root to delete" });
    const rootPage = main(await (await a.get(`/posts/${id}/delete`)).text());
    assert.match(rootPage, /<h1>Delete this post\?<\/h1>/);
    assert.match(rootPage, /Root to delete/);
    for (const action of ["react", "boost", "bookmark", "vote"])
      assert.ok(!rootPage.includes(`/${action}"`), action);
    assert.doesNotMatch(rootPage, /#reply/);

    const comment = await a.post(`/posts/${id}/reply`, { body: "A comment of mine", visibility: "public" });
    const commentId = /#post-([0-9a-f-]{36})/.exec(comment.headers.get("location") ?? "")?.[1] ?? "";
    await b.post(`/posts/${commentId}/reply`, { body: "An answer under it", visibility: "public" });
    const response = await a.get(`/posts/${commentId}/delete`);
    const commentPage = main(await response.text());
    assert.match(commentPage, /<h1>Delete this comment\?<\/h1>/);
    assert.match(commentPage, /your own replies under it/);
    assert.match(commentPage, /Replies by other people stay where they are/);
    assert.match(commentPage, />Delete comment</);
    assert.ok(!commentPage.includes('/react"'), "no reactions");
    const thread = await (await a.get(`/@alice/posts/${id}`)).text();
    assert.match(
      thread,
      new RegExp(`href="/posts/${commentId}/delete" class="button danger">Delete comment<`),
    );
  });

  it("says it in French too", async () => {
    const fr = await signedInClient(ctx, bob, { "accept-language": "fr" });
    await ctx.deps.db
      .updateTable("accounts")
      .set({ locale: "fr" })
      .where("actor_id", "=", bob.accountId)
      .execute();
    const id = await publish({ body: "Bonjour" });
    const response = await fr.post(`/posts/${id}/reply`, { body: "", visibility: "public" });
    assert.equal(response.status, 422);
    assert.match(await response.text(), /Écrivez votre commentaire avant de l’envoyer/);
  });
});
