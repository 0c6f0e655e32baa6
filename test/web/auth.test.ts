import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount } from "../helpers/factories.ts";

describe("sign up, sign out, sign in over HTTP", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  it("creates the first account as admin, signs it in and sends it to its profile form", async () => {
    const browser = new TestClient(ctx.app);
    const form = await browser.get("/signup");
    assert.equal(form.status, 200);
    assert.match(await form.text(), /first account/);
    const response = await browser.post("/signup", {
      handle: "Alice",
      displayName: "Alice Martin",
      email: "Alice@Example.test",
      password: "a long enough password",
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), "/profile/edit");
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("liens_session="));
    assert.ok(cookie, "a session cookie is set");
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    const home = await browser.get("/");
    assert.match(await home.text(), /Welcome, Alice Martin/);
    const account = await ctx.deps.db.selectFrom("accounts").selectAll().executeTakeFirstOrThrow();
    assert.equal(account.role, "admin");
    assert.equal(account.email, "alice@example.test");
    assert.ok(!account.password_hash.includes("a long enough password"));
  });

  it("re-renders a failed sign-up with the typed handle and the error beside the field, never the password", async () => {
    const browser = new TestClient(ctx.app);
    const response = await browser.post("/signup", {
      handle: "bob smith",
      email: "bob@example.test",
      password: "short",
    });
    assert.equal(response.status, 422);
    const html = await response.text();
    assert.match(html, /value="bob smith"/);
    assert.match(html, /id="field-handle-error"[^>]*>Use 1 to 30 lower-case letters/);
    assert.match(html, /id="field-password-error"[^>]*>Use at least 10 characters/);
    assert.doesNotMatch(html, /value="short"/);
  });

  it("says a taken handle is taken, in French for a French browser", async () => {
    const browser = new TestClient(ctx.app, { "accept-language": "fr-FR,fr;q=0.9,en;q=0.5" });
    const response = await browser.post("/signup", {
      handle: "alice",
      email: "other@example.test",
      password: "a long enough password",
    });
    assert.equal(response.status, 422);
    assert.match(await response.text(), /Cet identifiant est déjà pris/);
  });

  it("signs out and back in with the handle or the email", async () => {
    const carol = await createAccount(ctx.deps, { handle: "carol" });
    const browser = new TestClient(ctx.app);
    let response = await browser.post("/signin", { login: "carol", password: carol.password });
    assert.equal(response.status, 303);
    assert.match(await (await browser.get("/")).text(), /Welcome, carol/);
    response = await browser.post("/signout", {});
    assert.equal(response.status, 303);
    assert.doesNotMatch(await (await browser.get("/")).text(), /Welcome/);
    response = await browser.post("/signin", { login: "CAROL@example.test", password: carol.password });
    assert.equal(response.status, 303);
  });

  it("gives one message for a wrong password or an unknown account, and keeps the login typed", async () => {
    const browser = new TestClient(ctx.app);
    for (const login of ["carol", "nobody"]) {
      const response = await browser.post("/signin", { login, password: "wrong password!" });
      assert.equal(response.status, 422);
      const html = await response.text();
      assert.match(html, /Handle, email or password is not right/);
      assert.match(html, new RegExp(`value="${login}"`));
    }
  });

  it("refuses a state-changing request without the CSRF token", async () => {
    const browser = new TestClient(ctx.app);
    await browser.get("/signin");
    const response = await browser.request("/signin", {
      method: "POST",
      body: new URLSearchParams({ login: "carol", password: "x" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(response.status, 403);
    assert.match(await response.text(), /This form expired/);
  });

  it("refuses a cross-site POST even with a token", async () => {
    const browser = new TestClient(ctx.app);
    const response = await browser.post(
      "/signin",
      { login: "carol", password: "x" },
      { headers: { origin: "https://evil.example" } },
    );
    assert.equal(response.status, 403);
  });

  it("redirects only to local paths after sign-in", async () => {
    const dave = await createAccount(ctx.deps, { handle: "dave" });
    const signInThenGo = async (next: string) => {
      const browser = new TestClient(ctx.app);
      const response = await browser.post("/signin", { login: "dave", password: dave.password, next });
      return response.headers.get("location");
    };
    // Browsers drop tabs and newlines from a Location and read "\\" as "/": all of these leave the site.
    for (const next of [
      "//evil.example/x",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "https://evil.example/",
    ])
      assert.equal(await signInThenGo(next), "/", JSON.stringify(next));
    assert.equal(await signInThenGo("/people/carol?tab=posts#about"), "/people/carol?tab=posts#about");
  });
});
