import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { type Person, person } from "../services/posts.fixtures.ts";
import { pixelBomb, png } from "./posts.fixtures.ts";

function upload(bytes: Uint8Array): FormData {
  const form = new FormData();
  form.set("avatar", new File([bytes as Uint8Array<ArrayBuffer>], "me.png", { type: "image/png" }));
  return form;
}

/** An avatar of 20,000 × 20,000 pixels (a decompression bomb) is refused as such, as a post's image is. */
describe("avatars: an image with too many pixels is refused, and says so", () => {
  let ctx: TestContext;
  let alice: Person;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
  });
  after(() => ctx.close());

  const avatarKey = async () =>
    (
      await ctx.deps.db
        .selectFrom("actors")
        .select("avatar_key")
        .where("id", "=", alice.accountId)
        .executeTakeFirstOrThrow()
    ).avatar_key;

  for (const [lang, message] of [
    ["en", /This image has too many pixels: use one of at most 50 megapixels/],
    ["fr", /Cette image a trop de pixels\u202f: utilisez-en une de 50 mégapixels au plus/],
  ] as const) {
    it(`refuses it, keeping the avatar there was, in ${lang}`, async () => {
      await ctx.deps.db
        .updateTable("accounts")
        .set({ locale: lang })
        .where("actor_id", "=", alice.accountId)
        .execute();
      const client = await signedInClient(ctx, alice);
      if (!(await avatarKey()))
        assert.equal((await client.postMultipart("/profile/avatar", upload(await png()))).status, 303);
      const kept = await avatarKey();
      const started = Date.now();
      const response = await client.postMultipart("/profile/avatar", upload(pixelBomb()));
      assert.equal(response.status, 422);
      const page = await response.text();
      assert.match(page, message);
      assert.doesNotMatch(page, /could not be read|n’a pas pu être lue/);
      assert.ok(Date.now() - started < 5_000, "refused without decoding it");
      assert.equal(await avatarKey(), kept, "the avatar there was stays");
      assert.ok(kept && (await ctx.deps.storage.get(kept)), "and its file");
    });
  }
});
