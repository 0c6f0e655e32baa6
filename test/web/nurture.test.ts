import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { acceptConnectionRequest } from "../../src/services/connections/accept.ts";
import { sendConnectionRequest } from "../../src/services/connections/request.ts";
import { createContact } from "../../src/services/contacts/create.ts";
import type { Viewer } from "../../src/services/deps.ts";
import { sendDigestTo } from "../../src/services/digest/weekly.ts";
import { startConversation } from "../../src/services/messages/start.ts";
import type { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, signedInClient, type TestAccount, viewerFor } from "../helpers/factories.ts";

const HOUR = 3_600_000;

describe("nurture pages over HTTP: story, log, adjust, dates, suggestions, report, circles", () => {
  let ctx: TestContext;
  let aliceAccount: TestAccount;
  let alice: Viewer;
  let bob: Viewer;
  let owner: TestClient;
  let contactId: string;
  before(async () => {
    ctx = await createTestContext();
    aliceAccount = await createAccount(ctx.deps, { handle: "alice", displayName: "Alice" });
    alice = await viewerFor(ctx.deps, aliceAccount);
    bob = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "bob", displayName: "Bob" }));
    owner = await signedInClient(ctx, aliceAccount);
    await owner.get("/nurture/settings"); // its form sets the CSRF cookie
    const { requestId } = await sendConnectionRequest(ctx.deps, alice, bob.accountId, {
      note: "Hello",
      metWhere: "Rust meetup",
    });
    await acceptConnectionRequest(ctx.deps, bob, requestId);
    ({ id: contactId } = await createContact(ctx.deps, alice, { name: "Chloé", metWhere: "A party" }));
    ctx.clock.advance(30 * HOUR);
  });
  after(() => ctx.close());

  it("shows today's welcome suggestion with its actions", async () => {
    const page = await (await owner.get("/nurture")).text();
    assert.match(page, /Welcome Bob/);
    assert.match(page, /href="\/messages\/new\?to=bob"/);
    assert.match(page, /Write to Bob/);
    assert.match(page, /Met: Rust meetup/);
    assert.match(page, /Snooze a week \(suggestion about Bob\)/);
  });

  it("our story with an account: stage, strength and its explanation, how we met, timeline", async () => {
    const response = await owner.get("/nurture/with/@bob");
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /Our story with Bob/);
    assert.match(page, /<strong>Connected<\/strong>/);
    assert.match(page, /Why this strength/);
    assert.match(page, /Intensity/);
    assert.match(page, /Rust meetup/);
    assert.match(page, /Connection request \(you\)/);
    assert.match(page, /Keep-in-touch rhythm/);
  });

  it("logs a coffee: a fact in the ledger, the welcome nudge done", async () => {
    const today = ctx.clock.now().toISOString().slice(0, 10);
    const response = await owner.post("/nurture/with/@bob/log", {
      what: "coffee",
      date: today,
      note: "Lyon move",
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), "/nurture/with/@bob?notice=logged#log");
    const page = await (await owner.get("/nurture/with/@bob?notice=logged")).text();
    assert.match(page, /Logged/);
    assert.match(page, /Coffee or meal/);
    assert.match(page, /Lyon move/);
    assert.match(page, /<strong>Welcomed<\/strong>/);
    assert.doesNotMatch(await (await owner.get("/nurture")).text(), /Welcome Bob/);
  });

  it("refuses bad log input with localized errors beside the fields, keeping what was typed", async () => {
    const future = new Date(ctx.clock.now().getTime() + 5 * 24 * HOUR).toISOString().slice(0, 10);
    const response = await owner.post("/nurture/with/@bob/log", {
      what: "call",
      date: future,
      note: "Keep this note",
    });
    assert.equal(response.status, 422);
    const page = await response.text();
    assert.match(page, /The date cannot be in the future/);
    assert.match(page, /Keep this note/);
    const bad = await owner.post("/nurture/with/@bob/log", { what: "teleport", date: "soon", note: "x" });
    assert.equal(bad.status, 422);
    const text = await bad.text();
    assert.match(text, /Choose what happened from the list/);
    assert.match(text, /Enter a date as YYYY-MM-DD/);
    assert.match(text, /value="soon"/);
    const french = await signedInClient(ctx, aliceAccount, { "accept-language": "fr" });
    await french.get("/nurture/settings");
    await french.post("/language", { locale: "fr", next: "/" });
    const fr = await (await french.post("/nurture/with/@bob/log", { what: "call", date: future })).text();
    assert.match(fr, /La date ne peut pas être dans le futur/);
    await french.post("/language", { locale: "en", next: "/" });
  });

  it("adjusts a tie (family, cadence, closeness, snooze) and refuses bad values", async () => {
    const bad = await owner.post("/nurture/with/@bob/adjust", {
      cadenceDays: "-3",
      closeness: "250",
      pinnedLayer: "7",
      notes: "Typed notes stay",
    });
    assert.equal(bad.status, 422);
    const badPage = await bad.text();
    assert.match(badPage, /Enter a number of days from 1 to 3650/);
    assert.match(badPage, /Enter a number from 0 to 100/);
    assert.match(badPage, /Typed notes stay/);
    const ok = await owner.post("/nurture/with/@bob/adjust", {
      family: "on",
      cadenceDays: "30",
      closeness: "80",
      pinnedLayer: "15",
      snoozeDays: "",
      notes: "Loves climbing",
    });
    assert.equal(ok.status, 303);
    const page = await (await owner.get("/nurture/with/@bob")).text();
    assert.match(page, /Every 30 days \(your setting\)/);
    assert.match(page, /80 %/);
    assert.match(page, /Close 15/);
    assert.match(page, /Loves climbing/);
    const tie = await ctx.deps.db
      .selectFrom("ties")
      .selectAll()
      .where("owner_id", "=", alice.accountId)
      .where("other_key", "=", bob.accountId)
      .executeTakeFirstOrThrow();
    assert.equal(tie.family, 1);
    assert.equal(tie.closeness, 0.8);
  });

  it("important dates: a birthday without a year suggests itself the day before", async () => {
    const bad = await owner.post(`/nurture/with/contact/${contactId}/dates`, {
      kind: "birthday",
      month: "2",
      day: "30",
    });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /Enter a day that exists in that month/);
    const tomorrow = new Date(ctx.clock.now().getTime() + 24 * HOUR);
    const added = await owner.post(`/nurture/with/contact/${contactId}/dates`, {
      kind: "birthday",
      month: String(tomorrow.getUTCMonth() + 1),
      day: String(tomorrow.getUTCDate()),
    });
    assert.equal(added.status, 303);
    const story = await (await owner.get(`/nurture/with/contact/${contactId}`)).text();
    assert.match(story, /Our story with Chloé/);
    assert.match(story, /Birthday/);
    assert.match(story, /A party/);
    const page = await (await owner.get("/nurture")).text();
    assert.match(page, /A date for Chloé/);
    assert.match(page, new RegExp(`href="/nurture/with/contact/${contactId}#log"`));
  });

  it("snoozes and dismisses suggestions; a forged key for another's tie is not found", async () => {
    const page = await (await owner.get("/nurture")).text();
    const key = /name="key" value="([^"]+)"/.exec(page)?.[1] ?? "";
    assert.ok(key.startsWith("important_date:"));
    const dismissed = await owner.post("/nurture/nudges", { key, action: "dismiss" });
    assert.equal(dismissed.status, 303);
    assert.doesNotMatch(await (await owner.get("/nurture")).text(), /A date for Chloé/);
    const forged = await owner.post("/nurture/nudges", {
      key: `welcome:${"0".repeat(8)}-0000-7000-8000-${"0".repeat(12)}:1`,
      action: "snooze",
    });
    assert.equal(forged.status, 404);
  });

  it("the report draws SVG charts with table alternatives and plain readings, in French too", async () => {
    const page = await (await owner.get("/nurture/report?period=quarter")).text();
    assert.match(page, /<svg[^>]*role="img"/);
    assert.match(page, /<table>/);
    assert.match(page, /You welcomed 1 of your 1 new connections within a week/);
    const french = await signedInClient(ctx, aliceAccount);
    await french.get("/nurture/settings");
    await french.post("/language", { locale: "fr", next: "/" });
    const fr = await (await french.get("/nurture/report")).text();
    assert.match(fr, /Vous avez accueilli 1 de vos 1 nouvelles connexions dans la semaine/);
    await french.post("/language", { locale: "en", next: "/" });
  });

  it("the circles picture links each person with name and stage", async () => {
    const page = await (await owner.get("/nurture/circles")).text();
    assert.match(page, /<a href="\/nurture\/with\/@bob" aria-label="Bob: Welcomed, strength \d+ %"/);
    assert.match(page, /<title>Bob: Welcomed/);
    assert.match(page, /Chloé/);
  });

  it("the weekly digest is opt-in, written as an .eml file without SMTP, listed for the admin", async () => {
    assert.equal(await sendDigestTo(ctx.deps, alice.accountId), false, "not opted in");
    assert.equal((await owner.post("/nurture/settings", { weeklyDigest: "on" })).status, 303);
    await startConversation(ctx.deps, bob, { to: ["alice"], body: "Hi" });
    await ctx.deps.db.deleteFrom("nudge_actions").execute();
    assert.equal(await sendDigestTo(ctx.deps, alice.accountId), true);
    assert.equal(await sendDigestTo(ctx.deps, alice.accountId), false, "one a week");
    const dir = join(ctx.dataDir, "mail");
    const files = readdirSync(dir);
    assert.equal(files.length, 1);
    const eml = readFileSync(join(dir, files[0] ?? ""), "utf8");
    assert.match(eml, /To: alice@example.test/);
    assert.match(eml, /Subject: Your week on Liens/);
  });
});
