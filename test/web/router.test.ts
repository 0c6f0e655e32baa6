import assert from "node:assert/strict";
import { test } from "node:test";
import { Hono } from "hono";
import { MemoizedRouter } from "../../src/web/router.ts";

function app() {
  const hono = new Hono({ router: new MemoizedRouter() });
  hono.use("/admin/*", async (c, next) => {
    c.header("x-admin", "1");
    await next();
  });
  hono.get("/health", (c) => c.text("ok"));
  hono.get("/:at{@[a-z_]+}", (c) => c.text(`profile ${c.req.param("at")}`));
  hono.get("/posts/:id", (c) => c.text(`post ${c.req.param("id")}`));
  hono.post("/posts/:id", (c) => c.text(`reply ${c.req.param("id")}`));
  hono.get("/admin/jobs", (c) => c.text("jobs"));
  return hono;
}

const body = async (response: Response | Promise<Response>) => (await response).text();

test("a remembered answer gives each path its own parameters, for each method", async () => {
  const hono = app();
  for (let round = 0; round < 2; round++) {
    assert.equal(await body(hono.request("/@alice")), "profile @alice");
    assert.equal(await body(hono.request("/@bob")), "profile @bob");
    assert.equal(await body(hono.request("/posts/1")), "post 1");
    assert.equal(await body(hono.request("/posts/2")), "post 2");
    assert.equal(await body(hono.request("/posts/1", { method: "POST" })), "reply 1");
    assert.equal((await hono.request("/health")).status, 200);
    assert.equal((await hono.request("/nowhere")).status, 404);
  }
});

test("middleware matched with a route stays in its remembered answer", async () => {
  const hono = app();
  for (let round = 0; round < 2; round++) {
    const response = await hono.request("/admin/jobs");
    assert.equal(response.headers.get("x-admin"), "1");
    assert.equal(await response.text(), "jobs");
    assert.equal((await hono.request("/health")).headers.get("x-admin"), null);
  }
});

test("a route added after a request is found (the memory starts over)", async () => {
  const hono = app();
  assert.equal((await hono.request("/later")).status, 404);
  hono.get("/later", (c) => c.text("here"));
  assert.equal(await body(hono.request("/later")), "here");
});

test("answers stay right for more different paths than the memory holds", async () => {
  const router = new MemoizedRouter<string>();
  router.add("GET", "/posts/:id", "post");
  for (let i = 0; i < 10_000; i++) {
    const [[[handler, params]]] = router.match("GET", `/posts/${i}`) as [[[string, Record<string, string>]]];
    assert.equal(handler, "post");
    assert.deepEqual({ ...params }, { id: String(i) });
  }
});
