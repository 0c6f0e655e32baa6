import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";

describe("errors and headers", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
    ctx.app.get("/boom", () => {
      throw new Error("database password is hunter2");
    });
  });
  after(() => ctx.close());

  it("answers an unknown page with a localized 404", async () => {
    const en = await new TestClient(ctx.app).get("/no/such/page");
    assert.equal(en.status, 404);
    assert.match(await en.text(), /<h1>Not found<\/h1>/);
    const fr = await new TestClient(ctx.app, { "accept-language": "fr" }).get("/no/such/page");
    assert.match(await fr.text(), /<h1>Introuvable<\/h1>/);
  });

  it("answers a crash with a localized 500 page that shows no detail", async () => {
    const response = await new TestClient(ctx.app, { "accept-language": "fr" }).get("/boom");
    assert.equal(response.status, 500);
    const html = await response.text();
    assert.match(html, /Un problème est survenu/);
    assert.doesNotMatch(html, /hunter2|at \/|\.ts:/);
  });

  it("answers JSON clients in JSON", async () => {
    const response = await new TestClient(ctx.app).get("/no/such/page", {
      headers: { accept: "application/json" },
    });
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { error: "This page does not exist, or you cannot see it." });
  });

  it("sends security headers on pages and assets", async () => {
    for (const path of ["/", "/signin", "/no/such/page"]) {
      const response = await new TestClient(ctx.app).get(path);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
      assert.match(response.headers.get("content-security-policy") ?? "", /script-src 'self'/, path);
      assert.equal(response.headers.get("x-frame-options"), "DENY", path);
    }
    const page = await (await new TestClient(ctx.app).get("/")).text();
    const css = /href="(\/static\/style\.css\?v=\w+)"/.exec(page)?.[1];
    const js = /src="(\/static\/htmx\.min\.js\?v=\w+)"/.exec(page)?.[1];
    assert.ok(css && js);
    const style = await new TestClient(ctx.app).get(css);
    assert.equal(style.headers.get("content-type"), "text/css; charset=utf-8");
    assert.match(style.headers.get("cache-control") ?? "", /immutable/);
    assert.match(await (await new TestClient(ctx.app).get(js)).text(), /htmx/);
  });

  it("refuses a form body over the limit with 413, not 500", async () => {
    const client = new TestClient(ctx.app);
    const response = await client.post("/signin", { login: "x".repeat(300 * 1024), password: "y" });
    assert.equal(response.status, 413);
  });
});
