import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, signedInClient } from "../helpers/factories.ts";

async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: "#3a7" } })
    .jpeg()
    .withExif({ IFD0: { Artist: "Secret Name", Copyright: "hidden" } })
    .toBuffer();
}

function upload(bytes: Uint8Array, name: string, type: string): FormData {
  const form = new FormData();
  form.set("avatar", new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  return form;
}

describe("avatars", () => {
  let ctx: TestContext;
  let client: TestClient;
  before(async () => {
    ctx = await createTestContext();
    client = await signedInClient(ctx, await createAccount(ctx.deps, { handle: "alice" }));
  });
  after(() => ctx.close());

  it("re-encodes an upload to a square WebP without its metadata and serves it safely", async () => {
    const original = await jpegWithGps();
    assert.ok((await sharp(original).metadata()).exif, "the fixture carries EXIF");
    const response = await client.postMultipart("/profile/avatar", upload(original, "me.jpg", "image/jpeg"));
    assert.equal(response.status, 303);
    const profile = await (await new TestClient(ctx.app).get("/@alice")).text();
    const src = /<img class="avatar" src="([^"]+)"/.exec(profile)?.[1];
    assert.ok(src, "the profile shows the avatar");
    const served = await new TestClient(ctx.app).get(src);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get("content-type"), "image/webp");
    assert.equal(served.headers.get("x-content-type-options"), "nosniff");
    const bytes = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    assert.equal(meta.format, "webp");
    assert.equal(meta.width, 400);
    assert.equal(meta.height, 400);
    assert.equal(meta.exif, undefined);
    assert.ok(!bytes.includes(Buffer.from("Secret Name")));
  });

  it("checks the type by content, not by name", async () => {
    const html = Buffer.from("<html><script>alert(1)</script></html>");
    const response = await client.postMultipart("/profile/avatar", upload(html, "cat.png", "image/png"));
    assert.equal(response.status, 422);
    assert.match(await response.text(), /Use a PNG, JPEG or WebP image/);
    const png = await sharp({ create: { width: 50, height: 50, channels: 4, background: "#fff0" } })
      .png()
      .toBuffer();
    const ok = await client.postMultipart("/profile/avatar", upload(png, "image.txt", "text/plain"));
    assert.equal(ok.status, 303);
  });

  it("refuses a truncated image and a file over 5 MB with a clear message", async () => {
    const truncated = (await jpegWithGps()).subarray(0, 200);
    const bad = await client.postMultipart("/profile/avatar", upload(truncated, "x.jpg", "image/jpeg"));
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /could not be read/);
    const huge = Buffer.alloc(6 * 1024 * 1024, 0);
    huge.set([0xff, 0xd8, 0xff]);
    const tooLarge = await client.postMultipart("/profile/avatar", upload(huge, "big.jpg", "image/jpeg"));
    assert.equal(tooLarge.status, 413);
    assert.match(await tooLarge.text(), /larger than 5 MB/);
  });

  it("removes the avatar and its file", async () => {
    const before = await ctx.deps.db
      .selectFrom("actors")
      .select("avatar_key")
      .where("handle", "=", "alice")
      .executeTakeFirstOrThrow();
    assert.ok(before.avatar_key);
    assert.equal((await client.post("/profile/avatar/remove", {})).status, 303);
    assert.equal(await ctx.deps.storage.get(before.avatar_key), null);
    assert.equal((await new TestClient(ctx.app).get(`/media/${before.avatar_key}`)).status, 404);
  });

  it("serves nothing outside the avatars folder", async () => {
    for (const path of ["/media/avatars/..%2F..%2Fliens.db", "/media/avatars/x.webp", "/media/../liens.db"]) {
      assert.equal((await new TestClient(ctx.app).get(path)).status, 404, path);
    }
  });
});
