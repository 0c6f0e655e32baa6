import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { type Person, person } from "../services/posts.fixtures.ts";
import { composerForm, png } from "./posts.fixtures.ts";

/** The line under an image says "Photo: …" itself: a credit typed with it is not shown twice. */
describe("posts: an image's credit line", () => {
  let ctx: TestContext;
  let alice: Person;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
  });
  after(() => ctx.close());

  it("shows “Photo: Jane Doe” once when the credit was typed as “Photo: Jane Doe”, in both languages", async () => {
    const client = await signedInClient(ctx, alice);
    const created = await client.postMultipart(
      "/posts",
      composerForm(
        { body: "Harbour", visibility: "public", alt1: "Boats at dusk", credit1: "Photo : Jane Doe" },
        { image1: await png() },
      ),
    );
    assert.equal(created.status, 303);
    const path = (created.headers.get("location") ?? "").split("?")[0] ?? "";
    const en = await (await new TestClient(ctx.app, { "accept-language": "en" }).get(path)).text();
    assert.match(en, /<figcaption>Photo: Jane Doe<\/figcaption>/);
    const fr = await (await new TestClient(ctx.app, { "accept-language": "fr" }).get(path)).text();
    assert.match(fr, /<figcaption>Photo\u202f: Jane Doe<\/figcaption>/);
  });
});
