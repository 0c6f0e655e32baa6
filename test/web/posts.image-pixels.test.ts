import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { type Person, person } from "../services/posts.fixtures.ts";
import { composerForm, pixelBomb } from "./posts.fixtures.ts";

describe("posts: an image with too many pixels is refused, and says so", () => {
  let ctx: TestContext;
  let alice: Person;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
  });
  after(() => ctx.close());

  for (const [lang, message] of [
    ["en", /This image has too many pixels: use one of at most 50 megapixels/],
    ["fr", /Cette image a trop de pixels\u202f: utilisez-en une de 50 mégapixels au plus/],
  ] as const) {
    it(`refuses it beside its field, keeping the text, in ${lang}`, async () => {
      await ctx.deps.db
        .updateTable("accounts")
        .set({ locale: lang })
        .where("actor_id", "=", alice.accountId)
        .execute();
      const client = await signedInClient(ctx, alice);
      const started = Date.now();
      const response = await client.postMultipart(
        "/posts",
        composerForm(
          { body: "Look at this", visibility: "public", alt1: "A huge picture" },
          { image1: pixelBomb() },
        ),
      );
      assert.equal(response.status, 422);
      const page = await response.text();
      assert.match(page, message);
      assert.match(page, /Look at this/, "the text is kept");
      assert.ok(Date.now() - started < 5_000, "refused without decoding it");
      const posts = await ctx.deps.db.selectFrom("posts").select("id").execute();
      assert.equal(posts.length, 0, "no post");
      const pending = await ctx.deps.db.selectFrom("pending_media").select("id").execute();
      assert.equal(pending.length, 0, "nothing kept of it");
    });
  }
});
