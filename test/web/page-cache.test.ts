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
