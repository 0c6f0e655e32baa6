import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { checkA11y } from "./a11y.ts";
import type { Visitor } from "./browser.ts";
import { arrive, mainNav, UI, visit } from "./people.ts";
import { createAccount } from "./server.ts";
import { setStage } from "./setup.ts";
import { aliceBobConnectedCarolFollows } from "./trio.ts";

/**
 * Issue 4, timelines and live updates: Alice posts to her connections from her home page; Bob, her
 * connection, sees "1 new post — show" appear on his home timeline without reloading, then the post;
 * Alice mentions @Bob and Bob's notifications badge updates live; Carol, who follows Alice but is not
 * her connection, finds the post neither in her timeline nor in search.
 */

const PASSWORD = "correct horse battery staple";
const w = UI.en;

const stage = setStage();

async function person(): Promise<Visitor> {
  const visitor = await stage.visitor({ locale: "en-GB" });
  visitor.context.setDefaultTimeout(20_000);
  return visitor;
}

/** Posts from the home page's composer, to the audience named. */
async function postFromHome(page: Page, text: string, audience: string): Promise<void> {
  await visit(page, "/");
  await page.getByLabel("What do you want to share?", { exact: true }).fill(text);
  await page.getByRole("radio", { name: audience, exact: true }).check();
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/" && url.hash.startsWith("#post-"));
  await checkA11y(page, "home after posting");
}

describe("timelines and live updates (issue 4)", () => {
  let alice: Visitor;
  let bob: Visitor;
  let carol: Visitor;
  const text = "Lighthouse picnic on Sunday, bring a scarf";

  test("Alice, Bob and Carol sign in; Bob is Alice's connection, Carol only follows her", async () => {
    for (const handle of ["alice", "bob", "carol"])
      await createAccount(stage.server, { handle, password: PASSWORD });
    alice = await person();
    bob = await person();
    carol = await person();
    await aliceBobConnectedCarolFollows(alice.page, bob.page, carol.page, PASSWORD);
  });

  test("Bob's home timeline announces Alice's new post live, then shows it", async () => {
    const b = bob.page;
    await visit(b, "/");
    await b.getByRole("heading", { name: "Latest posts", exact: true }).waitFor();
    // Marks this very document: a reload would lose it.
    await b.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    await visit(carol.page, "/");

    await postFromHome(alice.page, text, "Connections only");
    await alice.page.getByRole("article").filter({ hasText: text }).waitFor();

    const announce = b.getByRole("link", { name: "1 new post — show", exact: true });
    await announce.waitFor();
    assert.equal(await b.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere), true);
    await checkA11y(b, "home with the new-posts link");
    await announce.click();
    await arrive(b, "/");
    const article = b.getByRole("article").filter({ hasText: text });
    await article.waitFor();
    await article.getByText("Connections only", { exact: true }).waitFor();
  });

  test("Alice mentions @Bob: Bob's notifications badge updates without reloading", async () => {
    const b = bob.page;
    // Reading the notifications (the connection request) leaves none unread.
    await visit(b, "/notifications");
    await visit(b, "/network");
    await b.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    assert.equal(
      await mainNav(b, w)
        .getByRole("link", { name: /^Notifications\s*\d+ unread$/ })
        .count(),
      0,
    );
    await postFromHome(alice.page, "See you there @bob", "Connections only");
    await mainNav(b, w)
      .getByRole("link", { name: /^Notifications\s*1 unread$/ })
      .waitFor();
    assert.equal(await b.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere), true);
    await checkA11y(b, "badge updated live");
    await mainNav(b, w)
      .getByRole("link", { name: /^Notifications/ })
      .click();
    await arrive(b, "/notifications");
  });

  test("Carol, a follower but not a connection, finds it neither in her timeline nor in search", async () => {
    const c = carol.page;
    await visit(c, "/");
    await c.getByRole("heading", { name: "Latest posts", exact: true }).waitFor();
    assert.equal(await c.getByText(text).count(), 0, "not in Carol's home timeline");
    await visit(c, "/timelines/public");
    assert.equal(await c.getByText(text).count(), 0, "not in the public timeline");
    await mainNav(c, w).getByRole("link", { name: "Search", exact: true }).click();
    await arrive(c, "/search");
    await c.getByLabel("Search people, posts and hashtags", { exact: true }).fill("lighthouse picnic");
    await c.getByRole("button", { name: "Search", exact: true }).click();
    await arrive(c, "/search?q=lighthouse+picnic");
    await c.getByText("No post found.", { exact: true }).waitFor();
    assert.equal(await c.getByText(text).count(), 0);

    // Bob, her connection, finds it.
    const b = bob.page;
    await visit(b, "/search?q=lighthouse+picnic");
    await b.getByRole("article").filter({ hasText: text }).waitFor();
  });

  test("no browser errors, and every page was checked", async () => {
    await stage.finishVisitors();
  });
});
