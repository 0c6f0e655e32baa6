import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, signedInClient, type TestAccount } from "../helpers/factories.ts";

const profileForm = {
  displayName: "Alice Martin",
  bio: "I organise the Lyon meetup.\nCoffee lover.",
  bioAudience: "public",
  location: "Lyon",
  locationAudience: "connections",
  interests: "climbing, #jazz, Climbing",
  interestsAudience: "public",
  personalLinks: "Blog https://alice.example/blog",
  personalLinksAudience: "public",
  headline: "Product designer",
  headlineAudience: "public",
  organisation: "Atelier Nord",
  organisationAudience: "public",
  role: "Lead designer",
  roleAudience: "private",
  skills: "UX research, Figma",
  skillsAudience: "connections",
  professionalLinks: "https://atelier-nord.example",
  professionalLinksAudience: "public",
};

describe("profiles over HTTP", () => {
  let ctx: TestContext;
  let alice: TestAccount;
  let owner: TestClient;
  before(async () => {
    ctx = await createTestContext();
    alice = await createAccount(ctx.deps, { handle: "alice" });
    await createAccount(ctx.deps, { handle: "bob" });
    owner = await signedInClient(ctx, alice);
  });
  after(() => ctx.close());

  it("saves a profile with an audience per field", async () => {
    const response = await owner.post("/profile/edit", profileForm);
    assert.equal(response.status, 303);
    const form = await (await owner.get("/profile/edit?notice=saved")).text();
    assert.match(form, /Your profile is saved/);
    assert.match(form, /value="climbing, jazz"/, "tags deduplicated case-insensitively, # removed");
    assert.match(form, /<option value="connections" selected="">Connections<\/option>/);
  });

  it("shows an anonymous visitor the public fields only", async () => {
    const html = await (await new TestClient(ctx.app).get("/@alice")).text();
    assert.match(html, /Alice Martin/);
    assert.match(html, /Product designer/);
    assert.match(html, /I organise the Lyon meetup/);
    assert.match(html, /href="https:\/\/alice.example\/blog" rel="nofollow ugc noopener me"/);
    assert.doesNotMatch(html, /Lyon<\/dd>/, "location is for connections");
    assert.doesNotMatch(html, /Figma/, "skills are for connections");
    assert.doesNotMatch(html, /Lead designer/, "role is private");
  });

  it("shows a signed-in stranger the same as a visitor (no connection yet)", async () => {
    const bob = await signedInClient(ctx, { accountId: "", handle: "bob", email: "", password: "" }).catch(
      () => null,
    );
    assert.equal(bob, null, "sanity: a session needs a real account");
    const bobAccount = await ctx.deps.db
      .selectFrom("actors")
      .select("id")
      .where("handle", "=", "bob")
      .executeTakeFirstOrThrow();
    const stranger = await signedInClient(ctx, {
      accountId: bobAccount.id,
      handle: "bob",
      email: "",
      password: "",
    });
    const html = await (await stranger.get("/@alice")).text();
    assert.match(html, /Product designer/);
    assert.doesNotMatch(html, /Figma|Lead designer|Lyon<\/dd>/);
    assert.doesNotMatch(html, /Edit profile/);
  });

  it("shows the owner everything, and lets them preview as others see it", async () => {
    const html = await (await owner.get("/@alice")).text();
    assert.match(html, /Lyon<\/dd>/);
    assert.match(html, /Figma/);
    assert.match(html, /Lead designer/);
    assert.match(html, /Edit profile/);
    const preview = await (await owner.get("/@alice?as=anonymous")).text();
    assert.match(preview, /as a visitor would/);
    assert.doesNotMatch(preview, /Figma|Lead designer/);
    const strangerTrying = await (await new TestClient(ctx.app).get("/@alice?as=self")).text();
    assert.doesNotMatch(strangerTrying, /Lead designer/);
  });

  it("finds profiles case-insensitively and answers 404 in the visitor's language for unknown ones", async () => {
    assert.equal((await new TestClient(ctx.app).get("/@ALICE")).status, 200);
    const missing = await new TestClient(ctx.app, { "accept-language": "fr" }).get("/@nobody");
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /Cette page n’existe pas/);
  });

  it("escapes what people type", async () => {
    await owner.post("/profile/edit", {
      ...profileForm,
      bio: `<script>alert("x")</script><img src=x onerror=alert(1)>`,
    });
    const html = await (await new TestClient(ctx.app).get("/@alice")).text();
    assert.doesNotMatch(html, /<script>alert/);
    assert.doesNotMatch(html, /<img src=x/);
    assert.match(html, /&lt;script&gt;/);
  });

  it("refuses a bad link or an over-long field, keeping everything typed", async () => {
    const response = await owner.post("/profile/edit", {
      ...profileForm,
      personalLinks: "Click javascript:alert(1)",
      headline: "h".repeat(151),
    });
    assert.equal(response.status, 422);
    const html = await response.text();
    assert.match(html, /Each line needs a web address/);
    assert.match(html, /This is too long/);
    assert.match(html, /Click javascript:alert\(1\)<\/textarea>/);
    assert.match(html, /value="Atelier Nord"/);
    const saved = await (await owner.get("/@alice")).text();
    assert.doesNotMatch(saved, /hhhhhhhhhh/, "nothing was written");
  });

  it("sends an anonymous visitor of the edit page to sign in and back", async () => {
    const response = await new TestClient(ctx.app).get("/profile/edit");
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), "/signin?next=%2Fprofile%2Fedit");
  });
});
