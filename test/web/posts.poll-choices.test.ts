import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { type Person, person } from "../services/posts.fixtures.ts";

/** A poll has at most four choices: a fifth, sent by a form made by hand, is refused, not dropped. */
describe("the composer's poll choices", () => {
  let ctx: TestContext;
  let alice: Person;
  let a: TestClient;
  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
    a = await signedInClient(ctx, alice);
  });
  after(() => ctx.close());

  const posts = async () =>
    (await ctx.deps.db.selectFrom("posts").select("id").where("author_id", "=", alice.accountId).execute())
      .length;
  const choices = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`pollOption${i + 1}`, `Choice ${i + 1}`]));

  it("refuses a fifth choice with the poll's message, in the writer's language, keeping the text", async () => {
    const form = { body: "Where do we meet?", visibility: "public", pollDuration: "86400", ...choices(5) };
    const response = await a.post("/posts", form);
    assert.equal(response.status, 422);
    const page = await response.text();
    assert.match(page, /A poll needs 2 to 4 choices of at most 100 characters/);
    assert.match(page, />Where do we meet\?<\/textarea>/, "the text is kept");
    assert.match(page, /value="Choice 4"/, "the choices are kept");
    assert.equal(await posts(), 0, "nothing published");

    const french = await signedInClient(ctx, alice, { "accept-language": "fr" });
    const refused = await french.post("/posts", form);
    assert.equal(refused.status, 422);
    assert.match(await refused.text(), /Un sondage a de 2 à 4 choix de 100 caractères au plus/);
    // A choice numbered out of the composer's range counts as well.
    const far = await a.post("/posts", { ...form, pollOption5: "", pollOption12: "Choice 12" });
    assert.equal(far.status, 422);
    assert.equal(await posts(), 0);
  });

  it("publishes four choices, in the order of their fields", async () => {
    const published = await a.post("/posts", {
      body: "Which day?",
      visibility: "public",
      pollDuration: "86400",
      pollOption2: "Tuesday",
      pollOption1: "Monday",
      pollOption4: "Thursday",
      pollOption3: "Wednesday",
    });
    assert.equal(published.status, 303);
    const id = /\/posts\/([0-9a-f-]{36})/.exec(published.headers.get("location") ?? "")?.[1] ?? "";
    const options = await ctx.deps.db
      .selectFrom("poll_options")
      .select("label")
      .where("post_id", "=", id)
      .orderBy("position")
      .execute();
    assert.deepEqual(
      options.map((o) => o.label),
      ["Monday", "Tuesday", "Wednesday", "Thursday"],
    );
  });
});
