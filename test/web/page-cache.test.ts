import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, signedInClient } from "../helpers/factories.ts";

describe("pages cached for signed-out visitors", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  it("gives each visitor of a cached form their own CSRF token, and the form works", async () => {
    const one = new TestClient(ctx.app);
    const two = new TestClient(ctx.app);
    const first = await (await one.get("/signin")).text();
    const second = await (await two.get("/signin")).text();
    const token = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    assert.equal(token(first), one.csrfToken());
    assert.equal(token(second), two.csrfToken());
    assert.notEqual(token(first), token(second));
    assert.match(first, /^<!DOCTYPE html><html lang="en">/);
    const french = await (await new TestClient(ctx.app, { "accept-language": "fr" }).get("/signin")).text();
    assert.match(french, /Identifiant ou adresse e-mail/, "one entry per language");
  });

  it("answers kept pages with the document's security headers, and a new token's cookie only once", async () => {
    const visitor = new TestClient(ctx.app);
    for (const round of [1, 2]) {
      const response = await visitor.get("/signin");
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-security-policy") ?? "", /script-src 'self'/);
      assert.equal(response.headers.get("x-frame-options"), "DENY");
      assert.equal(response.headers.get("x-content-type-options"), "nosniff");
      assert.equal(response.headers.get("content-type"), "text/html; charset=UTF-8");
      const cookies = response.headers.getSetCookie();
      if (round === 1) {
        assert.equal(cookies.length, 1);
        assert.match(
          cookies[0] ?? "",
          /^liens_csrf=[\w-]{43}; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/,
        );
      } else assert.deepEqual(cookies, [], "a visitor who holds a token is not sent another");
      await response.text();
    }
    const alice = await createAccount(ctx.deps, { handle: "kept_headers" });
    const member = new TestClient(ctx.app);
    const session = (await signedInClient(ctx, alice)).cookies.get("liens_session") as string;
    member.cookies.set("liens_session", session);
    const home = await member.get("/");
    assert.equal(home.headers.get("x-frame-options"), "DENY");
    assert.equal(home.headers.getSetCookie().length, 1, "a member's first kept page gives them a token");
    const form = /name="_csrf" value="([^"]+)"/.exec(await home.text())?.[1];
    assert.equal(form, member.cookies.get("liens_csrf"));
    const api = await member.get("/api/v1/timelines/home");
    assert.equal(api.headers.get("cache-control"), "private, no-store");
    assert.equal(api.headers.get("content-type"), "application/json; charset=UTF-8");
  });

  it("shows a profile change to visitors at once", async () => {
    const alice = await createAccount(ctx.deps, { handle: "alice" });
    const owner = await signedInClient(ctx, alice);
    const visitor = new TestClient(ctx.app);
    assert.doesNotMatch(await (await visitor.get("/@alice")).text(), /Lighthouse keeper/);
    await owner.post("/profile/edit", {
      displayName: "Alice",
      headline: "Lighthouse keeper",
      headlineAudience: "public",
    });
    assert.match(await (await visitor.get("/@alice")).text(), /Lighthouse keeper/);
    await owner.post("/profile/edit", {
      displayName: "Alice",
      headline: "Lighthouse keeper",
      headlineAudience: "private",
    });
    assert.doesNotMatch(
      await (await visitor.get("/@alice")).text(),
      /Lighthouse keeper/,
      "a field made private disappears at once",
    );
  });
});
