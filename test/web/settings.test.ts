import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, signedInClient, type TestAccount } from "../helpers/factories.ts";

describe("settings: language, time zone, password, sessions", () => {
  let ctx: TestContext;
  let alice: TestAccount;
  before(async () => {
    ctx = await createTestContext();
    alice = await createAccount(ctx.deps, { handle: "alice" });
  });
  after(() => ctx.close());

  it("picks the language from the account, else the switch, else Accept-Language, else English", async () => {
    const visitor = new TestClient(ctx.app);
    assert.match(await (await visitor.get("/signin")).text(), /<html lang="en">/);
    const french = new TestClient(ctx.app, { "accept-language": "fr" });
    assert.match(await (await french.get("/signin")).text(), /<html lang="fr">.*Se connecter/s);

    const switched = await visitor.post("/language", { locale: "fr", next: "/signin" });
    assert.equal(switched.status, 303);
    assert.equal(switched.headers.get("location"), "/signin");
    assert.match(await (await visitor.get("/signin")).text(), /Identifiant ou adresse e-mail/);

    const client = await signedInClient(ctx, alice, { "accept-language": "en" });
    assert.equal(
      (await client.post("/settings/preferences", { locale: "fr", timeZone: "Europe/Paris" })).status,
      303,
    );
    const page = await (await client.get("/settings?notice=preferences")).text();
    assert.match(page, /Vos préférences sont enregistrées/);
    assert.match(page, /<option value="Europe\/Paris" selected="">/);
    await client.post("/settings/preferences", { locale: "en", timeZone: "" });
  });

  it("keeps the language switch safe: only local redirects, only known languages", async () => {
    const visitor = new TestClient(ctx.app);
    const response = await visitor.post("/language", { locale: "xx", next: "https://evil.example/" });
    assert.equal(response.headers.get("location"), "/");
    assert.match(await (await visitor.get("/signin")).text(), /lang="en"/);
  });

  it("refuses an unknown time zone with a message beside the field", async () => {
    const client = await signedInClient(ctx, alice);
    const response = await client.post("/settings/preferences", { locale: "en", timeZone: "Mars/Olympus" });
    assert.equal(response.status, 422);
    assert.match(await response.text(), /Choose a time zone from the list/);
  });

  it("shows dates in the account's time zone", async () => {
    ctx.clock.set("2026-03-01T23:30:00.000Z");
    const late = await createAccount(ctx.deps, { handle: "night_owl" });
    const client = await signedInClient(ctx, late);
    await client.post("/settings/preferences", { locale: "en", timeZone: "Asia/Tokyo" });
    assert.match(await (await client.get("/@night_owl")).text(), /Joined March 2, 2026/);
    assert.match(await (await new TestClient(ctx.app).get("/@night_owl")).text(), /Joined March 1, 2026/);
  });

  it("changes the password from the settings page and signs out other sessions", async () => {
    const here = await signedInClient(ctx, alice);
    const elsewhere = await signedInClient(ctx, alice);
    const wrong = await here.post("/settings/password", {
      currentPassword: "not it at all",
      newPassword: "brand new password",
    });
    assert.equal(wrong.status, 422);
    assert.match(await wrong.text(), /not your current password/);
    const ok = await here.post("/settings/password", {
      currentPassword: alice.password,
      newPassword: "brand new password",
    });
    assert.equal(ok.status, 303);
    assert.match(await (await here.get("/settings")).text(), /Sessions/);
    assert.equal((await elsewhere.get("/settings")).status, 303, "the other session was signed out");
  });

  it("lists sessions with their device and revokes one", async () => {
    const bob = await createAccount(ctx.deps, { handle: "bob" });
    const phone = await signedInClient(ctx, bob);
    const laptop = new TestClient(ctx.app, { "user-agent": "Mozilla/5.0 (Windows NT 10.0) Firefox/141.0" });
    await laptop.post("/signin", { login: "bob", password: bob.password });
    const page = await (await phone.get("/settings")).text();
    assert.match(page, /Firefox · Windows/);
    assert.match(page, /This session/);
    const id = /action="\/settings\/sessions\/([^/]+)\/revoke"/.exec(page)?.[1];
    assert.ok(id);
    assert.equal((await phone.post(`/settings/sessions/${id}/revoke`, {})).status, 303);
    assert.equal((await laptop.get("/settings")).status, 303);
    assert.equal((await phone.post(`/settings/sessions/${id}/revoke`, {})).status, 404);
  });
});
