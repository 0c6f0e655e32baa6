import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { createEvent } from "../../src/services/events/create.ts";
import { removeEventCover, updateEvent } from "../../src/services/events/update.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { inHours, type Member, member } from "../services/events.fixtures.ts";

/**
 * An event's cover is served at one address whatever the cover: a public event's may be kept by any
 * cache, which asks again each time, so a new cover, a removed one or an event no longer public is
 * seen at once; another event's is kept by no cache.
 */
describe("events: how a cover is cached", () => {
  let ctx: TestContext;
  let alice: Member;
  const visitor = (headers: Record<string, string> = {}) => new TestClient(ctx.app, headers);
  const cover = (background: string) =>
    sharp({ create: { width: 400, height: 300, channels: 3, background } })
      .png()
      .toBuffer();
  const fields = () => ({
    title: "Harbour walk",
    start: inHours(ctx, 48),
    end: inHours(ctx, 50),
    timeZone: "UTC",
    place: "Quai Saint-Antoine",
    city: "Lyon",
    visibility: "public",
    coverAlt: "Boats at dusk",
  });

  before(async () => {
    ctx = await createTestContext();
    alice = await member(ctx, "alice");
  });
  after(() => ctx.close());

  it("lets caches keep a public event's cover if they ask again each time, and tells them when it changes", async () => {
    const { id } = await createEvent(ctx.deps, alice.viewer, fields(), await cover("#c63"));
    const url = `/events/${id}/cover`;
    const first = await visitor().get(url);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get("cache-control"), "public, no-cache");
    assert.equal(first.headers.get("content-type"), "image/webp");
    const etag = first.headers.get("etag") as string;
    assert.match(etag ?? "", /^"[^"]+"$/, "a strong validator");

    const again = await visitor({ "If-None-Match": etag }).get(url);
    assert.equal(again.status, 304);
    assert.equal(again.headers.get("etag"), etag);
    assert.equal(again.headers.get("cache-control"), "public, no-cache");

    await updateEvent(ctx.deps, alice.viewer, id, fields(), await cover("#36c"));
    const replaced = await visitor({ "If-None-Match": etag }).get(url);
    assert.equal(replaced.status, 200, "a new cover at the same address is sent at once");
    const newTag = replaced.headers.get("etag") as string;
    assert.ok(newTag && newTag !== etag);

    await removeEventCover(ctx.deps, alice.viewer, id);
    assert.equal(
      (await visitor({ "If-None-Match": newTag }).get(url)).status,
      404,
      "a removed cover is gone",
    );
  });

  it("answers a cache about an event no longer public: not found; and keeps it out of caches for those who may see it", async () => {
    const { id } = await createEvent(ctx.deps, alice.viewer, fields(), await cover("#3a7"));
    const url = `/events/${id}/cover`;
    const etag = (await visitor().get(url)).headers.get("etag") as string;
    assert.ok(etag);

    await updateEvent(ctx.deps, alice.viewer, id, { ...fields(), visibility: "connections" });
    assert.equal((await visitor({ "If-None-Match": etag }).get(url)).status, 404);
    const own = await (await signedInClient(ctx, alice.account, { "If-None-Match": etag })).get(url);
    assert.equal(own.status, 200, "no validator to match: the file itself");
    assert.equal(own.headers.get("cache-control"), "private, no-store");
    assert.equal(own.headers.get("etag"), null);
  });
});
