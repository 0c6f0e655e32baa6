import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { formatters } from "../../src/i18n/index.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { type Person, person, post } from "../services/posts.fixtures.ts";

/** The date a post's card shows on its page. */
const shownDate = (html: string) => /<time datetime="[^"]+">([^<]+)<\/time>/.exec(html)?.[1];

/** Dates as the reader's region writes them: a British reader does not read "Nov 28, 2026, 2:44 PM". */
describe("dates in the reader's region", () => {
  let ctx: TestContext;
  let alice: Person;
  let path: string;
  let createdAt: string;
  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice");
    const id = await post(ctx.deps, alice, { body: "Tea at five", visibility: "public" });
    path = `/@alice/posts/${id}`;
    const row = await ctx.deps.db
      .selectFrom("posts")
      .select("created_at")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    createdAt = row.created_at;
  });
  after(() => ctx.close());

  it("writes a visitor's dates as their browser's region does, each page kept apart", async () => {
    const as = async (acceptLanguage: string) =>
      shownDate(
        await (await new TestClient(ctx.app, { "accept-language": acceptLanguage }).get(path)).text(),
      );
    const british = formatters("en-GB", "UTC").dateTime(createdAt);
    const american = formatters("en-US", "UTC").dateTime(createdAt);
    assert.notEqual(british, american);
    // Asked in turn, so that a page kept for one would show to the other.
    assert.equal(await as("en-US,en;q=0.9"), american);
    assert.equal(await as("en-GB,en;q=0.9"), british);
    assert.equal(await as("en-US,en;q=0.9"), american);
    assert.equal(await as("fr-CA,fr;q=0.9"), formatters("fr-CA", "UTC").dateTime(createdAt));
    // A region of another language changes nothing.
    assert.equal(await as("de-DE,en;q=0.5"), formatters("en", "UTC").dateTime(createdAt));
  });

  it("writes a member's dates in their account's language, as their browser's region does", async () => {
    const zone = "UTC";
    for (const [region, expected] of [
      ["en-GB", "en-GB"],
      ["en-US", "en-US"],
      ["en-GB", "en-GB"],
    ] as const) {
      const member = await signedInClient(ctx, alice, { "accept-language": `${region},en;q=0.9` });
      const html = await (await member.get(path)).text();
      assert.equal(shownDate(html), formatters(expected, zone).dateTime(createdAt), region);
    }
  });
});
