import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkA11y } from "./a11y.ts";
import type { Visitor } from "./browser.ts";
import { arrive, visit } from "./people.ts";
import { createAccount } from "./server.ts";
import { setStage } from "./setup.ts";
import { aliceBobConnectedCarolFollows } from "./trio.ts";

/**
 * Issue 4, conversations: Alice posts to her connections with a photo (alt text, credit); Bob, her
 * connection, sees it and comments; Alice answers @Bob; Carol, who follows Alice but is not her
 * connection, never sees it; Alice closes comments and a replayed comment is refused; a poll collects
 * two votes and shows its results.
 */

const PASSWORD = "correct horse battery staple";

const stage = setStage();

async function person(): Promise<Visitor> {
  const visitor = await stage.visitor({ locale: "en-GB" });
  visitor.context.setDefaultTimeout(20_000);
  return visitor;
}

async function photo(): Promise<Buffer> {
  const { default: sharp } = await import("sharp");
  return sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 30, g: 140, b: 90 } } })
    .jpeg()
    .toBuffer();
}

const POST_PAGE = /\/@alice\/posts\/[0-9a-f-]{36}(\?[^#]*)?(#.*)?$/;

describe("conversations (issue 4)", () => {
  let alice: Visitor;
  let bob: Visitor;
  let carol: Visitor;
  let postUrl = "";

  test("Alice, Bob and Carol sign in; Bob is Alice's connection, Carol only follows her", async () => {
    for (const handle of ["alice", "bob", "carol"])
      await createAccount(stage.server, { handle, password: PASSWORD });
    alice = await person();
    bob = await person();
    carol = await person();
    await aliceBobConnectedCarolFollows(alice.page, bob.page, carol.page, PASSWORD);
  });

  test("Alice posts to her connections only, with a photo, its alt text and its credit", async () => {
    const a = alice.page;
    await visit(a, "/posts/new");
    await a
      .getByLabel("What do you want to share?", { exact: true })
      .fill("Picnic by the lake on Sunday. Who's in?");
    await a.getByRole("radio", { name: "Connections only", exact: true }).check();
    await a.getByText("Images (up to 4)", { exact: true }).click();
    await a
      .getByLabel("Image file (PNG, JPEG or WebP, up to 10 MB)")
      .first()
      .setInputFiles({ name: "lake.jpg", mimeType: "image/jpeg", buffer: await photo() });
    // Sent without its alt text first: the form comes back with the error, the text and the photo
    // kept (a browser cannot fill a file input again, so the server keeps the image).
    await a.getByRole("button", { name: "Post", exact: true }).click();
    await a.getByText("Describe the image: people using a screen reader need it.").first().waitFor();
    await a.getByText("Image 1 is kept from your last try: no need to choose it again.").waitFor();
    assert.equal(
      await a.getByLabel("What do you want to share?", { exact: true }).inputValue(),
      "Picnic by the lake on Sunday. Who's in?",
    );
    assert.ok(await a.getByRole("radio", { name: "Connections only", exact: true }).isChecked());
    await checkA11y(a, "composer refused, photo kept");
    await a
      .getByLabel("Describe image 1 for people who cannot see it (alt text)", { exact: true })
      .fill("Five friends on a blanket by a lake");
    await a.getByLabel("Credit for image 1 (optional)", { exact: true }).fill("Dana R.");
    await checkA11y(a, "composer filled");
    await a.getByRole("button", { name: "Post", exact: true }).click();
    await arrive(a, POST_PAGE);
    postUrl = new URL(a.url()).pathname;
    await a.getByRole("status").filter({ hasText: "Your post is published." }).waitFor();
    await a.getByRole("img", { name: "Five friends on a blanket by a lake" }).waitFor();
    await a.getByText("Photo: Dana R.", { exact: true }).waitFor();
    await a.getByText("Connections only", { exact: true }).first().waitFor();
  });

  test("Bob, her connection, sees it and comments; Alice answers @Bob", async () => {
    const b = bob.page;
    await visit(b, postUrl);
    await b.getByText("Picnic by the lake on Sunday. Who's in?").waitFor();
    await b.getByRole("img", { name: "Five friends on a blanket by a lake" }).waitFor();
    await b.getByLabel("Write a comment", { exact: true }).fill("Count me in! I'll bring a cake.");
    await b.getByRole("button", { name: "Comment", exact: true }).click();
    await arrive(b, /\?notice=commented#post-/);
    const comment = b.getByRole("article").filter({ hasText: "Count me in! I'll bring a cake." });
    await comment.waitFor();

    const a = alice.page;
    await visit(a, postUrl);
    const bobsComment = a.getByRole("article").filter({ hasText: "Count me in!" });
    await bobsComment.getByRole("link", { name: /^Comment \(0\)$/ }).click();
    await arrive(a, /\/@bob\/posts\/[0-9a-f-]{36}#reply$/);
    const field = a.getByLabel("Write a comment", { exact: true });
    await field.fill("Great, thanks @bo");
    // The mention is suggested while typing; picking it from the keyboard (ArrowDown, then Enter)
    // completes the handle, and the caret waits after it.
    await a.getByRole("button", { name: "@bob · Bob", exact: true }).waitFor();
    await field.press("ArrowDown");
    await a.keyboard.press("Enter");
    // The completed field comes back from the server (htmx swaps it in): type on only once it has.
    await a.waitForFunction(() => {
      const text = document.querySelector<HTMLTextAreaElement>("textarea[name=body]");
      return (
        text?.value.endsWith("@bob ") &&
        document.activeElement === text &&
        text.selectionStart === text.value.length
      );
    });
    await a.keyboard.type("see you there");
    assert.equal(
      await a.getByLabel("Write a comment", { exact: true }).inputValue(),
      "Great, thanks @bob see you there",
    );
    await a.getByRole("button", { name: "Comment", exact: true }).click();
    await arrive(a, /\?notice=commented#post-/);
    await visit(a, postUrl);
    const answer = a.getByRole("article").filter({ hasText: "see you there" });
    await answer.getByRole("link", { name: "@bob", exact: true }).waitFor();

    await visit(b, "/notifications");
    await b.getByRole("link", { name: "Alice commented on your post.", exact: true }).click();
    await arrive(b, /\/@alice\/posts\/[0-9a-f-]{36}$/);
    await b.getByText("Great, thanks").waitFor();
  });

  test("Carol follows Alice but is not her connection: the post is nowhere for her", async () => {
    const c = carol.page;
    const response = await c.goto(postUrl);
    assert.equal(response?.status(), 404);
    await checkA11y(c, "post page (not found)");
    await visit(c, "/@alice");
    await c.getByRole("heading", { name: "Recent posts", exact: true }).waitFor();
    assert.equal(await c.getByText("Picnic by the lake").count(), 0, "not on Alice's profile");
    await visit(c, "/@alice/posts");
    await c.getByRole("heading", { name: /^Posts by / }).waitFor();
    assert.equal(await c.getByText("Picnic by the lake").count(), 0, "not among Alice's posts");
    const image = await alice.page
      .getByRole("img", { name: "Five friends on a blanket by a lake" })
      .getAttribute("src");
    assert.ok(image);
    assert.equal((await carol.context.request.get(image)).status(), 404, "not the image either");
    assert.equal((await bob.context.request.get(image)).status(), 200);
  });

  test("Alice closes comments: Bob's form is replaced and a replayed comment is refused", async () => {
    const a = alice.page;
    await visit(a, postUrl);
    await a.getByRole("button", { name: "Close comments", exact: true }).click();
    await arrive(a, /\?notice=closed$/);
    await a.getByRole("button", { name: "Reopen comments", exact: true }).waitFor();

    const b = bob.page;
    await visit(b, postUrl);
    await b.getByText("Comments are closed.", { exact: true }).waitFor();
    assert.equal(await b.getByLabel("Write a comment", { exact: true }).count(), 0, "no comment form");
    await b.getByText("Count me in! I'll bring a cake.").waitFor();
    // The same request the form sent before, replayed with a valid token.
    const token = await b.locator('input[name="_csrf"]').first().inputValue();
    const postId = postUrl.split("/").at(-1);
    const replay = await bob.context.request.post(`/posts/${postId}/reply`, {
      form: { _csrf: token, body: "Sneaking one more in", visibility: "connections" },
    });
    assert.equal(replay.status(), 409);
    assert.match(await replay.text(), /Comments are closed on this post: your comment was not published\./);
    await visit(b, postUrl);
    assert.equal(await b.getByText("Sneaking one more in").count(), 0);
  });

  test("a poll collects two votes and shows the results", async () => {
    const a = alice.page;
    await visit(a, "/posts/new");
    await a.getByLabel("What do you want to share?", { exact: true }).fill("Where next weekend?");
    await a.getByText("Add a poll (optional)", { exact: true }).click();
    await a.getByLabel("Choice 1", { exact: true }).fill("Lake again");
    await a.getByLabel("Choice 2", { exact: true }).fill("Mountains");
    await a.getByRole("button", { name: "Post", exact: true }).click();
    await arrive(a, POST_PAGE);
    const pollUrl = new URL(a.url()).pathname;
    for (const [visitor, choice] of [
      [bob, "Lake again"],
      [carol, "Mountains"],
    ] as const) {
      const p = visitor.page;
      await visit(p, pollUrl);
      await p.getByText("results after you vote or when it closes").waitFor();
      await p.getByRole("radio", { name: choice, exact: true }).check();
      await p.getByRole("button", { name: "Vote", exact: true }).click();
      await arrive(p, /\?notice=voted/);
      const results = p.getByRole("list", { name: "Poll results" });
      await results.waitFor();
      await results.getByText(`${choice} (your choice)`).waitFor();
    }
    await visit(a, pollUrl);
    await a.getByText("2 people voted").waitFor();
    const results = a.getByRole("list", { name: "Poll results" });
    assert.equal(await results.getByText("1 vote (50 %)").count(), 2);
  });

  test("no page had an accessibility problem or a browser error", async () => {
    await stage.finishVisitors();
  });
});
