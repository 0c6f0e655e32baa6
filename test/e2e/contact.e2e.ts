import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { checkA11y } from "./a11y.ts";
import { newVisitor, type Visitor } from "./browser.ts";
import { arrive, mainNav, signIn, UI, visit } from "./people.ts";
import { createAccount, type E2EServer } from "./server.ts";
import { startServerAndBrowser } from "./setup.ts";

/**
 * Issue 3, "Making contact": a connection request with its note and how-we-met, the welcome step,
 * messages and message requests, an offline contact invited by link, and a block — with several
 * people at once, each in their own browser context, in English.
 */

const PASSWORD = "correct horse battery staple";
const w = UI.en;

let server: E2EServer;
let browser: Browser;
const people: Visitor[] = [];

before(async () => {
  ({ server, browser } = await startServerAndBrowser());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function person(): Promise<Visitor> {
  const visitor = await newVisitor(browser, server.url, { locale: "en-GB" });
  // A long journey on a busy machine: more room than the default 10 s, still no fixed waits.
  visitor.context.setDefaultTimeout(20_000);
  people.push(visitor);
  return visitor;
}

/** Navigates to a path that should not exist for this person: the answer is a 404 page, not a 500. */
async function visitNotFound(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  assert.equal(response?.status(), 404, `${path} answered ${response?.status()}, not 404`);
  await checkA11y(page, `${path} (not found)`);
}

/** Follows a link of the main navigation (its name may carry an unread count). */
async function openFromNav(page: Page, name: string, path: string): Promise<void> {
  await mainNav(page, w)
    .getByRole("link", { name: new RegExp(`^${name}`) })
    .click();
  await arrive(page, path);
}

/** Fails unless the navigation link announces this unread count ("Messages 2 unread"; no badge for 0). */
async function assertUnread(page: Page, name: string, count: number): Promise<void> {
  const label = count === 0 ? new RegExp(`^${name}$`) : new RegExp(`^${name}\\s*${count} unread$`);
  const links = await mainNav(page, w).getByRole("link", { name: label }).count();
  assert.equal(links, 1, `the ${name} link does not announce ${count} unread`);
}

/** Signs in through the page and sets the name shown to others through the profile form. */
async function signInAndName(page: Page, handle: string, name: string): Promise<void> {
  await visit(page, "/");
  await signIn(page, w, handle, PASSWORD);
  await visit(page, "/profile/edit");
  await page.getByLabel(w.name, { exact: true }).fill(name);
  await page.getByRole("button", { name: w.save, exact: true }).click();
  await arrive(page, "/profile/edit?notice=saved");
}

/** A conversation's page (not the compose form nor the requests list). */
const THREAD = /\/messages\/(?!new\b|requests\b)[^/?#]+(\?[^#]*)?(#m-[^/]+)?$/;

/** Sends the message typed on the page and waits for the conversation, opened on the new message. */
async function send(page: Page, button: string): Promise<void> {
  const from = page.url();
  await page.getByRole("button", { name: button, exact: true }).click();
  await page.waitForURL((url) => url.href !== from && THREAD.test(url.href) && url.hash.startsWith("#m-"));
  await checkA11y(page);
}

describe("making contact (issue 3)", () => {
  let alice: Visitor;
  let bob: Visitor;
  let carol: Visitor;
  let carolThread = "";
  let danaContact = "";

  test("Alice, Bob and Carol sign in", async () => {
    // One after the other: CLI processes run side by side can fail with "database is locked".
    for (const handle of ["alice", "bob", "carol"]) {
      await createAccount(server, { handle, password: PASSWORD });
    }
    alice = await person();
    bob = await person();
    carol = await person();
    await Promise.all([
      signInAndName(alice.page, "alice", "Alice"),
      signInAndName(bob.page, "bob", "Bob"),
      signInAndName(carol.page, "carol", "Carol"),
    ]);
  });

  test("Alice asks Bob to connect, with a note and where they met; Bob accepts", async () => {
    const a = alice.page;
    await visit(a, "/@bob");
    await a.getByRole("link", { name: "Connect", exact: true }).click();
    await arrive(a, "/@bob/connect");
    await a.getByRole("heading", { level: 1, name: "Connect with Bob" }).waitFor();
    await a.getByLabel("Introduction note", { exact: true }).fill("We talked about bicycles at the meetup.");
    await a.getByLabel("Where we met", { exact: true }).fill("Lyon meetup");
    await a.getByRole("button", { name: "Send the request", exact: true }).click();
    await arrive(a, "/@bob?notice=requested");
    await a.getByRole("status").filter({ hasText: "Your request is sent. Bob will decide." }).waitFor();
    await a.getByText("Request sent", { exact: true }).waitFor();

    // Bob, elsewhere, sees a new notification, which leads to the request.
    const b = bob.page;
    await visit(b, "/");
    await assertUnread(b, "Notifications", 1);
    await openFromNav(b, "Notifications", "/notifications");
    await b.getByRole("link", { name: "Alice asked to connect with you.", exact: true }).click();
    await arrive(b, "/network");
    await assertUnread(b, "Notifications", 0);
    const requests = b.getByRole("region", { name: "Connection requests" });
    await requests.getByText("We talked about bicycles at the meetup.", { exact: true }).waitFor();
    await requests.getByText("Met Lyon meetup").waitFor();
    await requests.getByRole("button", { name: "Accept Alice", exact: true }).click();
    // Back on /network, where he already was: the answered request is what shows the new page.
    await requests.getByText("No request waiting for your answer.", { exact: true }).waitFor();
    await checkA11y(b, "network after accepting");
  });

  test("both are asked to welcome the other; Alice writes (no canned text), Bob reads and replies", async () => {
    const a = alice.page;
    const b = bob.page;

    // Bob, right after accepting: the prompt to welcome Alice (no how-we-met of his own).
    const bobWelcome = b.getByRole("region", { name: "Welcome your new connections" });
    await bobWelcome.getByRole("link", { name: "Welcome Alice", exact: true }).waitFor();
    await b
      .getByRole("region", { name: "Your connections" })
      .getByRole("link", { name: "Alice", exact: true })
      .waitFor();

    // Alice: the prompt, with where she said they met.
    await openFromNav(a, "Network", "/network");
    const aliceWelcome = a.getByRole("region", { name: "Welcome your new connections" });
    await aliceWelcome.getByText("Met Lyon meetup").waitFor();
    await aliceWelcome.getByRole("link", { name: "Welcome Bob", exact: true }).click();
    await arrive(a, "/messages/new?to=bob");
    const context = a.getByRole("region", { name: "Welcome Bob" });
    await context.getByText("Lyon meetup", { exact: true }).waitFor();
    assert.equal(await a.getByLabel("To", { exact: true }).inputValue(), "bob");
    const body = a.getByLabel("Message", { exact: true });
    assert.equal(await body.inputValue(), "", "the message box is not empty: no canned text");
    await body.fill("Hello Bob! Lovely to meet you in Lyon. Coffee next week?");
    await send(a, "Send message");
    await a
      .getByRole("list", { name: "Bob" })
      .getByText("Hello Bob! Lovely to meet you in Lyon. Coffee next week?")
      .waitFor();

    // Once written to, Bob is welcomed on Alice's side; Bob has not written yet.
    await openFromNav(a, "Network", "/network");
    assert.equal(await aliceWelcome.count(), 0, "Alice is still asked to welcome Bob");
    await visit(b, "/network");
    await bobWelcome.getByRole("link", { name: "Welcome Alice", exact: true }).waitFor();

    // Bob's unread message, read in the thread, then answered there.
    await assertUnread(b, "Messages", 1);
    await openFromNav(b, "Messages", "/messages");
    const inbox = b.getByRole("region", { name: "Conversations" });
    await inbox.getByText("1 unread").waitFor();
    await inbox.getByRole("link", { name: "Alice", exact: true }).click();
    await arrive(b, THREAD);
    await b
      .getByRole("list", { name: "Alice" })
      .getByText("Hello Bob! Lovely to meet you in Lyon. Coffee next week?")
      .waitFor();
    await assertUnread(b, "Messages", 0);
    await b.getByLabel("Your message", { exact: true }).fill("Hi Alice! Yes, Tuesday works for me.");
    await send(b, "Send reply");
    await b.getByRole("list", { name: "Alice" }).getByText("Hi Alice! Yes, Tuesday works for me.").waitFor();

    // His reply was his first personal message to Alice: his prompt is gone too.
    await openFromNav(b, "Network", "/network");
    assert.equal(await bobWelcome.count(), 0, "Bob is still asked to welcome Alice");

    // Alice has the reply.
    await openFromNav(a, "Messages", "/messages");
    await a
      .getByRole("region", { name: "Conversations" })
      .getByText("Hi Alice! Yes, Tuesday works for me.")
      .waitFor();
  });

  test("a stranger's message lands in Alice's message requests until she accepts it", async () => {
    const c = carol.page;
    await visit(c, "/@alice");
    await c.getByRole("link", { name: "Message", exact: true }).click();
    await arrive(c, "/messages/new?to=alice");
    assert.equal(await c.getByRole("region", { name: "Welcome Alice" }).count(), 0);
    await c.getByLabel("Message", { exact: true }).fill("Hi Alice, I run the repair café. Fancy helping?");
    await send(c, "Send message");
    carolThread = new URL(c.url()).pathname;

    const a = alice.page;
    await visit(a, "/messages");
    const inbox = a.getByRole("region", { name: "Conversations" });
    assert.equal(await inbox.getByRole("link", { name: "Carol", exact: true }).count(), 0);
    await a.getByRole("link", { name: "Message requests (1)", exact: true }).click();
    await arrive(a, "/messages/requests");
    await a
      .getByRole("region", { name: "Message requests" })
      .getByRole("link", { name: "Carol", exact: true })
      .click();
    await arrive(a, carolThread);
    await a.getByText("Hi Alice, I run the repair café. Fancy helping?").waitFor();
    await a.getByRole("button", { name: "Accept the request", exact: true }).click();
    await arrive(a, `${carolThread}?notice=accepted`);
    await a
      .getByRole("status")
      .filter({ hasText: "Request accepted: the conversation is now in your inbox." })
      .waitFor();
    await a.getByRole("link", { name: "Back to your conversations", exact: true }).click();
    await arrive(a, "/messages");
    await inbox.getByRole("link", { name: "Carol", exact: true }).waitFor();
    await a.getByRole("link", { name: "Message requests (0)", exact: true }).waitFor();
  });

  test("Alice adds Dana as an offline contact and invites her; Dana joins and they are connected", async () => {
    const a = alice.page;
    await openFromNav(a, "Network", "/network");
    await a.getByRole("link", { name: "Offline contacts", exact: true }).click();
    await arrive(a, "/contacts");
    await a.getByRole("link", { name: "Add a contact", exact: true }).click();
    await arrive(a, "/contacts/new");
    await a.getByLabel("Name", { exact: true }).fill("Dana Martin");
    await a.getByLabel("Where you met", { exact: true }).fill("Boulangerie");
    await a.getByLabel("Notes", { exact: true }).fill("Loves sourdough");
    await a.getByRole("button", { name: "Add the contact", exact: true }).click();
    await arrive(a, /\/contacts\/[^/?]+\?notice=created$/);
    danaContact = new URL(a.url()).pathname;
    await a.getByRole("heading", { level: 1, name: "Dana Martin" }).waitFor();
    await a.getByRole("status").filter({ hasText: "The contact is added." }).waitFor();

    await a.getByRole("button", { name: "Create an invitation link", exact: true }).click();
    await arrive(a, `${danaContact}/invite`);
    const shown = a.getByRole("status").filter({ hasText: "it is shown only this once" });
    const qr = shown.getByRole("img", { name: "QR code of the invitation link for Dana Martin" });
    assert.equal(await qr.evaluate((element) => element.tagName), "svg", "the QR code is not an inline svg");
    const link = ((await shown.getByText(/\/invite\//).textContent()) ?? "").trim();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/invite\/\S+$/, `not an invitation link: ${link}`);

    // Dana, with no account, in a browser of her own.
    const dana = await person();
    const d = dana.page;
    await visit(d, link);
    await d.getByRole("heading", { level: 1, name: /connect with Alice$/ }).waitFor();
    assert.equal(await d.getByText("Loves sourdough").count(), 0, "Dana sees Alice's private notes");
    await d.getByRole("main").getByRole("link", { name: w.signUpLink, exact: true }).click();
    await arrive(d, /\/signup\?next=/);
    await d.getByLabel(w.handle, { exact: true }).fill("dana");
    await d.getByLabel(w.displayName, { exact: true }).fill("Dana Martin");
    await d.getByLabel(w.email, { exact: true }).fill("dana@example.test");
    await d.getByLabel(w.password, { exact: true }).fill(PASSWORD);
    await d.getByRole("button", { name: w.createAccount, exact: true }).click();
    await arrive(d, new URL(link).pathname);
    await d.getByRole("heading", { level: 1, name: "Connect with Alice?" }).waitFor();
    await d.getByRole("button", { name: "Accept and connect with Alice", exact: true }).click();
    await arrive(d, `${new URL(link).pathname}/accept`);
    await d.getByRole("heading", { level: 1, name: "You are now connected with Alice" }).waitFor();
    await dana.finish();

    // Alice's contact is now linked to Dana's account, her private note kept.
    await a.getByRole("link", { name: "Back to your contacts", exact: true }).click();
    await arrive(a, "/contacts");
    await a.getByRole("link", { name: "Dana Martin", exact: true }).click();
    await arrive(a, danaContact);
    await a.getByText("This contact joined and is linked to the account").waitFor();
    await a.getByRole("link", { name: "Dana Martin (@dana)", exact: true }).waitFor();
    await a.getByText("Loves sourdough", { exact: true }).waitFor();
    assert.equal(await a.getByRole("button", { name: /invitation link/ }).count(), 0);

    await openFromNav(a, "Network", "/network");
    await a
      .getByRole("region", { name: "Your connections" })
      .getByRole("link", { name: "Dana Martin", exact: true })
      .waitFor();
  });

  test("Alice's contacts are hers alone: Bob gets “not found”", async () => {
    assert.ok(danaContact, "the contact was not created");
    await visitNotFound(bob.page, danaContact);
    await visitNotFound(bob.page, `${danaContact}/edit`);
  });

  test("Alice blocks Carol: her profile is gone for Carol, and Carol's messages are refused", async () => {
    const a = alice.page;
    await visit(a, "/@carol");
    await a.getByText("More actions", { exact: true }).click();
    await a.getByRole("button", { name: "Block", exact: true }).click();
    await arrive(a, "/@carol?notice=block");
    await a.getByText("You blocked this person.", { exact: false }).waitFor();
    await a.getByRole("button", { name: "Unblock", exact: true }).waitFor();

    const c = carol.page;
    await visitNotFound(c, "/@alice");

    // A new message: refused, said plainly beside the field.
    await visit(c, "/messages/new?to=alice");
    await c.getByLabel("Message", { exact: true }).fill("Are you there?");
    await c.getByRole("button", { name: "Send message", exact: true }).click();
    await c.getByRole("alert").waitFor();
    await checkA11y(c, "compose refused after a block");
    await c.getByText("You cannot send messages to @alice.", { exact: true }).waitFor();

    // Nor in their earlier conversation.
    assert.ok(carolThread, "Carol's conversation was not created");
    await visit(c, carolThread);
    await c.getByLabel("Your message", { exact: true }).fill("Hello again?");
    await c.getByRole("button", { name: "Send reply", exact: true }).click();
    await c.getByRole("alert").waitFor();
    await checkA11y(c, "reply refused after a block");
    await c.getByText("You cannot send messages to @alice.", { exact: true }).waitFor();
  });

  test("no page logged an error, and axe checked every page", async () => {
    for (const visitor of people) await visitor.finish();
  });
});
