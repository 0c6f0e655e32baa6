import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { purgeAccount } from "../../src/services/accounts/delete-purge.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { type Person, person } from "../services/posts.fixtures.ts";

function upload(bytes: Uint8Array): FormData {
  const form = new FormData();
  form.set("avatar", new File([bytes as Uint8Array<ArrayBuffer>], "me.png", { type: "image/png" }));
  return form;
}

/**
 * An avatar may be kept by any cache, shared ones included, but never served from one without asking:
 * a removed or replaced avatar, or that of a purged account, leaves every cache at once. Asking again
 * is cheap: its validator answers "not modified" without the file being read.
 */
describe("avatars: how they are cached", () => {
  let ctx: TestContext;
  const visitor = (headers: Record<string, string> = {}) => new TestClient(ctx.app, headers);

  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  /** Gives the person an avatar (a new one each time: another colour), and returns its address. */
  let shade = 0;
  const giveAvatar = async (someone: Person) => {
    shade += 40;
    const bytes = await sharp({
      create: { width: 60, height: 60, channels: 3, background: { r: shade, g: 90, b: 200 } },
    })
      .png()
      .toBuffer();
    const client = await signedInClient(ctx, someone);
    assert.equal((await client.postMultipart("/profile/avatar", upload(bytes))).status, 303);
    const { avatar_key } = await ctx.deps.db
      .selectFrom("actors")
      .select("avatar_key")
      .where("id", "=", someone.accountId)
      .executeTakeFirstOrThrow();
    assert.ok(avatar_key);
    return { client, key: avatar_key, url: `/media/${avatar_key}` };
  };

  const etagOf = async (url: string) => {
    const response = await visitor().get(url);
    assert.equal(response.status, 200, url);
    return response.headers.get("etag") as string;
  };

  it("lets caches keep an avatar only if they ask again each time, with a validator", async () => {
    const alice = await person(ctx.deps, "alice", "Alice Martin");
    const { url } = await giveAvatar(alice);
    const profile = await (await visitor().get("/@alice")).text();
    assert.ok(profile.includes(`src="${url}"`), "the address the profile shows");

    const first = await visitor().get(url);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get("cache-control"), "public, no-cache");
    assert.equal(first.headers.get("content-type"), "image/webp");
    assert.equal(first.headers.get("x-content-type-options"), "nosniff");
    const etag = first.headers.get("etag");
    assert.match(etag ?? "", /^"[^"]+"$/, "a strong validator");

    const again = await visitor({ "If-None-Match": etag as string }).get(url);
    assert.equal(again.status, 304);
    assert.equal(again.headers.get("etag"), etag);
    assert.equal(again.headers.get("cache-control"), "public, no-cache");
    assert.equal((await again.arrayBuffer()).byteLength, 0);
    assert.equal(
      (await visitor({ "If-None-Match": `"other", W/${etag}` }).get(url)).status,
      304,
      "one of several",
    );
    assert.equal(
      (await visitor({ "If-None-Match": '"other"' }).get(url)).status,
      200,
      "another gets the file",
    );
  });

  it("answers a cache asking again about a removed avatar: not found, even if its file lingered", async () => {
    const bob = await person(ctx.deps, "bob", "Bob Durand");
    const { client, key, url } = await giveAvatar(bob);
    const etag = await etagOf(url);
    const bytes = await ctx.deps.storage.get(key);
    assert.ok(bytes);

    assert.equal((await client.post("/profile/avatar/remove", {})).status, 303);
    assert.equal((await visitor({ "If-None-Match": etag }).get(url)).status, 404, "revalidated: gone");
    assert.equal((await visitor().get(url)).status, 404);

    // A file whose removal failed (storage is not in the database's transaction) is still no avatar.
    await ctx.deps.storage.put(key, bytes);
    assert.equal((await visitor({ "If-None-Match": etag }).get(url)).status, 404, "only the current avatar");
    assert.equal((await visitor().get(url)).status, 404);
  });

  it("answers about a replaced avatar: the old one is not found, the new one has its own validator", async () => {
    const carol = await person(ctx.deps, "carol", "Carol Petit");
    const old = await giveAvatar(carol);
    const oldTag = await etagOf(old.url);
    const replaced = await giveAvatar(carol);
    assert.notEqual(replaced.url, old.url);
    assert.equal((await visitor({ "If-None-Match": oldTag }).get(old.url)).status, 404);
    assert.notEqual(await etagOf(replaced.url), oldTag);
  });

  it("answers about a purged account's avatar: not found", async () => {
    const dan = await person(ctx.deps, "dan", "Dan Roux");
    const { url } = await giveAvatar(dan);
    const etag = await etagOf(url);
    assert.equal(await purgeAccount(ctx.deps, dan.accountId), true);
    assert.equal((await visitor({ "If-None-Match": etag }).get(url)).status, 404);
    assert.equal((await visitor().get(url)).status, 404);
  });

  it("still serves nothing but avatar files", async () => {
    const { key } = await giveAvatar(await person(ctx.deps, "erin", "Erin Blanc"));
    const other = key.replace(/^avatars\//, "avatars/../");
    for (const path of [`/media/${other}`, "/media/avatars/x.webp", `/media/${key.replace(".webp", ".png")}`])
      assert.equal((await visitor({ "If-None-Match": "*" }).get(path)).status, 404, path);
  });
});
