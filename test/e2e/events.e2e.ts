import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { checkA11y } from "./a11y.ts";
import type { Visitor } from "./browser.ts";
import { arrive, signIn, UI, visit } from "./people.ts";
import { createAccount } from "./server.ts";
import { setStage } from "./setup.ts";

/**
 * Issue 5, meetups: a private event with two seats, invitations, a waitlist and its promotion, the
 * check-in code on the day, and "people you met here" afterwards — moving the server's clock.
 */

const PASSWORD = "correct horse battery staple";
const w = UI.en;
const HOUR = 3600_000;

const stage = setStage();

async function person(handle: string): Promise<Visitor> {
  const visitor = await stage.visitor({ locale: "en-GB" });
  visitor.context.setDefaultTimeout(20_000);
  await visit(visitor.page, "/");
  await signIn(visitor.page, w, handle, PASSWORD);
  return visitor;
}

async function button(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name, exact: true }).click();
}

describe("a private meetup, from invitation to people met (issue 5)", () => {
  let alice: Visitor;
  let bob: Visitor;
  let carol: Visitor;
  let dana: Visitor;
  let erin: Visitor;
  let eventPath = "";
  let startsAt = 0;

  test("everyone signs in; Bob, Carol and Dana follow Alice", async () => {
    for (const handle of ["alice", "bob", "carol", "dana", "erin"]) {
      await createAccount(stage.server, { handle, password: PASSWORD });
    }
    [alice, bob, carol, dana, erin] = (await Promise.all(
      ["alice", "bob", "carol", "dana", "erin"].map((handle) => person(handle)),
    )) as [Visitor, Visitor, Visitor, Visitor, Visitor];
    for (const follower of [bob, carol, dana]) {
      await visit(follower.page, "/@alice");
      await button(follower.page, "Follow");
      await arrive(follower.page, "/@alice?notice=follow");
    }
  });

  test("Alice creates a private event with two seats and invites Bob, Carol and Dana", async () => {
    const a = alice.page;
    await visit(a, "/events");
    await a.getByRole("link", { name: "Create an event", exact: true }).click();
    await arrive(a, "/events/new");
    const start = new Date(Date.now() + 26 * HOUR);
    start.setUTCMinutes(0, 0, 0);
    startsAt = start.getTime();
    const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
    await a.getByLabel("Title", { exact: true }).fill("Supper club");
    await a.getByLabel("Description", { exact: true }).fill("A small dinner among friends.");
    await a.getByLabel("Starts", { exact: true }).fill(local(startsAt));
    await a.getByLabel("Ends", { exact: true }).fill(local(startsAt + 3 * HOUR));
    await a.getByLabel("Address", { exact: true }).fill("3 place Bellecour");
    await a.getByLabel("City", { exact: true }).fill("Lyon");
    await a.getByLabel("Who can see it", { exact: true }).selectOption("private");
    await a.getByLabel("Capacity", { exact: true }).fill("2");
    await button(a, "Create the event");
    await arrive(a, /\/events\/[0-9a-f-]{36}\?notice=created$/);
    eventPath = new URL(a.url()).pathname;
    await a.getByText("0 of 2 seats taken").waitFor();
    await a.getByRole("link", { name: "Invite people", exact: true }).click();
    await arrive(a, `${eventPath}/invite`);
    for (const handle of ["bob", "carol", "dana"]) {
      await a.getByLabel(new RegExp(`\\(@${handle}\\)`)).check();
    }
    await button(a, "Send the invitations");
    await arrive(a, `${eventPath}/invite?notice=invited`);
    await a.getByRole("heading", { name: "Invited" }).waitFor();
  });

  test("Erin, not invited, gets 'not found' and finds nothing in the lists", async () => {
    const e = erin.page;
    const response = await e.goto(eventPath);
    assert.equal(response?.status(), 404);
    await checkA11y(e, `${eventPath} (not found)`);
    await visit(e, "/events?city=Lyon");
    assert.equal(await e.getByText("Supper club").count(), 0);
    await visit(e, "/@alice");
    assert.equal(await e.getByText("Supper club").count(), 0);
  });

  test("Bob and Carol say going; Dana goes on the waitlist", async () => {
    for (const v of [bob, carol]) {
      await visit(v.page, "/notifications");
      await v.page
        .getByRole("link", { name: /invited you to an event/ })
        .first()
        .click();
      await arrive(v.page, eventPath);
      await button(v.page, "Going");
      await arrive(v.page, `${eventPath}?notice=going`);
      await v.page.getByText("You are going. See you there!").waitFor();
    }
    const d = dana.page;
    await visit(d, eventPath);
    await d.getByLabel("Message to the organiser", { exact: true }).fill("Happy to help with the dishes");
    await button(d, "Going");
    await arrive(d, `${eventPath}?notice=waitlist`);
    await d.getByText("you are number 1 on the waitlist", { exact: false }).waitFor();
  });

  test("Bob cancels: Dana is promoted and notified", async () => {
    await visit(bob.page, eventPath);
    await button(bob.page, "Can’t go");
    await arrive(bob.page, `${eventPath}?notice=declined`);
    const d = dana.page;
    await visit(d, "/notifications");
    await d.getByRole("link", { name: /^A seat freed up: you are going to/ }).click();
    await arrive(d, eventPath);
    await d.getByText("2 of 2 seats taken", { exact: false }).waitFor();
  });

  test("on the day, Alice shows the check-in code; Carol scans it and Dana checks in from the page", async () => {
    await stage.server.advanceClock(startsAt - Date.now() + 15 * 60_000);
    const a = alice.page;
    await visit(a, eventPath);
    await a.getByRole("link", { name: "Show the check-in code", exact: true }).click();
    await arrive(a, `${eventPath}/checkin-code`);
    await a.getByRole("img", { name: "QR code to check in to the event" }).waitFor();
    const scanned = (await a.locator("code.secret").textContent()) ?? "";
    assert.match(scanned, /\/checkin\?code=/);
    const c = carol.page;
    await visit(c, new URL(scanned).pathname + new URL(scanned).search);
    await button(c, "Check in");
    await arrive(c, `${eventPath}?notice=checkedIn`);
    const d = dana.page;
    await visit(d, eventPath);
    await button(d, "Check in");
    await arrive(d, `${eventPath}?notice=checkedIn`);
    await visit(a, `${eventPath}/checkin-code`);
    await a.getByRole("heading", { name: "Who is here (3)" }).waitFor();
    for (const handle of ["carol", "dana"]) await a.locator(`a[href="/@${handle}"]`).first().waitFor();
  });

  test("after the event, Carol sees Dana among the people she met and asks to connect, pre-filled with the event", async () => {
    await stage.server.advanceClock(4 * HOUR);
    const c = carol.page;
    await visit(c, eventPath);
    await c.getByRole("link", { name: "See the people you met", exact: true }).click();
    await arrive(c, `${eventPath}/met`);
    await c.locator('a[href="/@dana"]').first().waitFor();
    await c.getByText("How you met: Supper club", { exact: false }).first().waitFor();
    await button(c, "Connect with dana");
    await arrive(c, `${eventPath}/met?notice=requested`);
    await c.getByText("Request sent", { exact: true }).waitFor();
    const d = dana.page;
    await visit(d, "/network");
    await d.getByText("Supper club", { exact: false }).first().waitFor();
  });

  test("no page logged an error or went unchecked", async () => {
    await stage.finishVisitors();
  });
});
