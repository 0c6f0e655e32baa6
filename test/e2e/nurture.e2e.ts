import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { checkA11y } from "./a11y.ts";
import { newVisitor, type Visitor } from "./browser.ts";
import { arrive, signIn, UI, visit } from "./people.ts";
import { createAccount, type E2EServer } from "./server.ts";
import { startServerAndBrowser } from "./setup.ts";

/**
 * Issue 6, the relationship engine: Alice and Bob connect; the welcome nudge comes after 24 h and goes
 * once Alice writes; Bob's reply on another day consolidates the tie; 70 silent days with a 30-day
 * cadence make it fade with a catch-up nudge; a logged coffee makes it established again; the report
 * shows the welcome done within 7 days. The server's clock moves through its test-only endpoint.
 */

const PASSWORD = "correct horse battery staple";
const w = UI.en;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let server: E2EServer;
let browser: Browser;

before(async () => {
  ({ server, browser } = await startServerAndBrowser());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function person(): Promise<Visitor> {
  const visitor = await newVisitor(browser, server.url, { locale: "en-GB" });
  visitor.context.setDefaultTimeout(20_000);
  return visitor;
}

async function signInAndName(page: Page, handle: string, name: string): Promise<void> {
  await visit(page, "/");
  await signIn(page, w, handle, PASSWORD);
  await visit(page, "/profile/edit");
  await page.getByLabel(w.name, { exact: true }).fill(name);
  await page.getByRole("button", { name: w.save, exact: true }).click();
  await arrive(page, "/profile/edit?notice=saved");
}

const suggestions = (page: Page) => page.getByRole("region", { name: "Today’s suggestions" });

/** The stage shown on Alice's story with Bob. */
async function stageOnStory(page: Page): Promise<string> {
  await visit(page, "/nurture/with/@bob");
  const summary = page.getByRole("region", { name: "Where the tie stands" });
  return (await summary.locator("dd strong").first().textContent()) ?? "";
}

describe("nurture: the relationship engine's journey (issue 6)", () => {
  let alice: Visitor;
  let bob: Visitor;

  test("Alice and Bob connect; no nudge at once", async () => {
    for (const handle of ["alice", "bob"]) await createAccount(server, { handle, password: PASSWORD });
    alice = await person();
    bob = await person();
    await Promise.all([signInAndName(alice.page, "alice", "Alice"), signInAndName(bob.page, "bob", "Bob")]);
    const a = alice.page;
    await visit(a, "/@bob");
    await a.getByRole("link", { name: "Connect", exact: true }).click();
    await arrive(a, "/@bob/connect");
    await a.getByLabel("Where we met", { exact: true }).fill("Lyon meetup");
    await a.getByRole("button", { name: "Send the request", exact: true }).click();
    await arrive(a, "/@bob?notice=requested");
    const b = bob.page;
    await visit(b, "/network");
    await b.getByRole("button", { name: "Accept Alice", exact: true }).click();
    await b.getByText("No request waiting for your answer.", { exact: true }).waitFor();

    await visit(a, "/nurture");
    await suggestions(a).getByText("Nothing to do today.", { exact: false }).waitFor();
    assert.equal(await stageOnStory(a), "Connected");
  });

  test("24 hours later, Alice is asked to welcome Bob; she writes and the nudge is gone", async () => {
    await server.advanceClock(25 * HOUR);
    const a = alice.page;
    await visit(a, "/nurture");
    const list = suggestions(a);
    await list.getByText("Welcome Bob", { exact: true }).waitFor();
    await list.getByText("Met: Lyon meetup").waitFor();
    await list.getByRole("link", { name: "Write to Bob", exact: true }).click();
    await arrive(a, "/messages/new?to=bob");
    await a.getByLabel("Message", { exact: true }).fill("Welcome Bob! Great talking bikes in Lyon.");
    await a.getByRole("button", { name: "Send message", exact: true }).click();
    await a.waitForURL((url) => url.hash.startsWith("#m-"));
    await checkA11y(a);

    await visit(a, "/nurture");
    await suggestions(a).getByText("Nothing to do today.", { exact: false }).waitFor();
    assert.equal(await suggestions(a).getByText("Welcome Bob").count(), 0);
    assert.equal(await stageOnStory(a), "Welcomed");
  });

  test("Bob replies on another day: the tie is consolidating", async () => {
    await server.advanceClock(DAY);
    const b = bob.page;
    await visit(b, "/messages");
    await b
      .getByRole("region", { name: "Conversations" })
      .getByRole("link", { name: "Alice", exact: true })
      .click();
    await b.waitForURL(/\/messages\/[^/?#]+/);
    await checkA11y(b);
    await b.getByLabel("Your message", { exact: true }).fill("Thanks Alice! Ride on Sunday?");
    await b.getByRole("button", { name: "Send reply", exact: true }).click();
    await b.waitForURL((url) => url.hash.startsWith("#m-"));
    assert.equal(await stageOnStory(alice.page), "Consolidating");
  });

  test("Alice keeps in touch every 30 days; 70 silent days later Bob is fading, with a catch-up nudge", async () => {
    const a = alice.page;
    await visit(a, "/nurture/with/@bob");
    await a.getByLabel("Keep in touch every (days)", { exact: true }).fill("30");
    await a.getByRole("button", { name: "Save the settings", exact: true }).click();
    await arrive(a, "/nurture/with/@bob?notice=adjusted");
    await a.getByText("Every 30 days (your setting)").waitFor();

    // Seventy days without any interaction; Alice still opens Liens now and then (her session lasts
    // 30 days from her last visit), which is not an interaction with Bob.
    for (const days of [25, 25, 20]) {
      await server.advanceClock(days * DAY);
      await visit(a, "/nurture");
    }
    assert.equal(await stageOnStory(a), "Fading");
    await visit(a, "/nurture");
    await suggestions(a).getByText("Catch up with Bob", { exact: true }).waitFor();
    // The circles show the stage the daily run stored; the clock's last move has just started that run
    // (a job chain), so the page is looked at again until it shows, as a person would reload it.
    const fadingInCircles = async () => {
      for (let attempt = 0; attempt < 50; attempt++) {
        await visit(a, "/nurture/circles");
        if ((await a.getByRole("link", { name: /^Bob: Fading, strength \d+ %$/ }).count()) > 0) return true;
        await a.waitForTimeout(200);
      }
      return false;
    };
    assert.ok(await fadingInCircles(), "Bob shows as fading in the circles once the daily run has passed");
  });

  test("Alice logs a coffee: the tie is established again and the nudge is gone", async () => {
    const a = alice.page;
    await visit(a, "/nurture/with/@bob");
    const log = a.getByRole("region", { name: "Log what happened" });
    await log.getByLabel("What happened", { exact: true }).selectOption({ label: "Coffee or meal" });
    await log.getByLabel("Note", { exact: true }).fill("Sunday ride plans");
    await log.getByRole("button", { name: "Log it", exact: true }).click();
    await a.waitForURL((url) => url.pathname === "/nurture/with/@bob" && url.search === "?notice=logged");
    await checkA11y(a);
    await a.getByRole("status").filter({ hasText: "Logged." }).waitFor();
    assert.equal(await stageOnStory(a), "Established");
    await visit(a, "/nurture");
    assert.equal(await suggestions(a).getByText("Catch up with Bob").count(), 0);
  });

  test("the report shows the welcome done within 7 days", async () => {
    const a = alice.page;
    await visit(a, "/nurture/report?period=quarter");
    await a.getByText("You welcomed 1 of your 1 new connections within a week.", { exact: true }).waitFor();
    await a.getByRole("img", { name: /Initiative, follow-through and reciprocity/ }).waitFor();
  });
});
