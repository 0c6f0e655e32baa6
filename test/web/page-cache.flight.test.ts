import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { Hono } from "hono";
import type { AppEnv } from "../../src/web/env.ts";
import { memberPage } from "../../src/web/page-cache.ts";

/** How kept pages are drawn: once for all the requests that want one, and again behind a stale one. */
describe("drawing kept pages", () => {
  let draws = 0;
  let broken = false;
  const app = new Hono<AppEnv>();
  app.onError((_error, c) => c.text("gone", 404));
  app.get("/kept/:n", (c) =>
    memberPage(c, "Liens", "v1", async () => {
      draws += 1;
      const n = draws;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (broken) throw new Error("gone");
      return `drawn ${n}`;
    }),
  );
  const get = async (path: string) => {
    const response = await app.request(path);
    return { status: response.status, text: await response.text() };
  };
  beforeEach(() => {
    mock.timers.enable({ apis: ["Date"], now: Date.parse("2026-03-02T09:00:00Z") });
    draws = 0;
    broken = false;
  });
  afterEach(() => mock.timers.reset());

  it("draws a page once for the many requests that want it at the same time", async () => {
    const pages = await Promise.all(Array.from({ length: 10 }, () => get("/kept/1")));
    assert.equal(draws, 1);
    for (const page of pages) assert.match(page.text, /drawn 1/);
  });

  it("answers with the kept page past its time while it is drawn again, not long past it", async () => {
    assert.match((await get("/kept/2")).text, /drawn 1/);
    mock.timers.tick(11_000);
    assert.match((await get("/kept/2")).text, /drawn 1/, "the kept page answers at once");
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.match((await get("/kept/2")).text, /drawn 2/);
    mock.timers.tick(25_000);
    assert.match((await get("/kept/2")).text, /drawn 3/, "long past its time, the request waits");
  });

  it("drops a page that can no longer be drawn", async () => {
    assert.match((await get("/kept/3")).text, /drawn 1/);
    broken = true;
    mock.timers.tick(11_000);
    assert.match((await get("/kept/3")).text, /drawn 1/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal((await get("/kept/3")).status, 404);
  });
});
