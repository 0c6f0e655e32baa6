import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Invalid } from "../../src/domain/errors.ts";
import { storeCover } from "../../src/services/events/cover.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { pixelBomb, png } from "../web/posts.fixtures.ts";

/** An event's cover: re-encoded at its size, and a decompression bomb refused as one, before it is decoded. */
describe("events: cover images", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  it("stores a cover as a 1200×630 WebP", async () => {
    const key = await storeCover(ctx.deps, await png());
    const stored = await ctx.deps.storage.get(key);
    assert.ok(stored);
    const { default: sharp } = await import("sharp");
    const meta = await sharp(stored).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ["webp", 1200, 630]);
  });

  it("refuses an image of too many pixels as such, quickly", async () => {
    const started = Date.now();
    await assert.rejects(
      storeCover(ctx.deps, pixelBomb()),
      (error: unknown) => error instanceof Invalid && error.fields.cover?.key === "error.media.tooManyPixels",
    );
    assert.ok(Date.now() - started < 5000, "refused from its header, not decoded");
  });
});
