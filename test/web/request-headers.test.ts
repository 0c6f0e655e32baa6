import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Hono } from "hono";
import { requestCookie, requestPath } from "../../src/web/request-headers.ts";

describe("reading one cookie", () => {
  const app = new Hono();
  app.get("/:name", (c) => c.json({ value: requestCookie(c, c.req.param("name")) ?? null }));
  const read = async (name: string, cookie?: string) => {
    const response = await app.request(`/${name}`, { headers: cookie === undefined ? {} : { cookie } });
    return ((await response.json()) as { value: string | null }).value;
  };

  it("finds a cookie wherever it is, whole names only", async () => {
    assert.equal(await read("liens_session", "liens_session=abc"), "abc");
    assert.equal(await read("liens_session", "a=1; liens_session=abc; b=2"), "abc");
    assert.equal(await read("liens_session", "a=1;liens_session=abc"), "abc");
    assert.equal(await read("liens_session", "__Host-liens_session=x; liens_session=y"), "y");
    assert.equal(await read("liens_session", "other=liens_session=x"), null);
    assert.equal(await read("liens_session", "liens_sessions=x"), null);
    assert.equal(await read("liens_session", "a=1"), null);
    assert.equal(await read("liens_session"), null);
  });

  it("decodes an encoded value, and keeps a malformed one as sent", async () => {
    assert.equal(await read("next", "next=%2Fmessages"), "/messages");
    assert.equal(await read("next", "next=%E0%A4%A"), "%E0%A4%A");
    assert.equal(await read("lang", "lang= fr ; x=1"), "fr");
  });

  it("gives the path and query as sent", async () => {
    const paths = new Hono();
    paths.get("*", (c) => c.text(requestPath(c)));
    assert.equal(
      await (await paths.request("/@bob/posts?before=a%20b&x=1")).text(),
      "/@bob/posts?before=a%20b&x=1",
    );
    assert.equal(await (await paths.request("http://localhost/messages")).text(), "/messages");
  });
});
