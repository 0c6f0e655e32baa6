import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Conflict } from "../../src/domain/errors.ts";
import { react } from "../../src/services/posts/react.ts";
import { createTestContext, type TestContext, testEngine } from "../helpers/context.ts";
import { type Person, person, post } from "./posts.fixtures.ts";

/**
 * A reaction racing a comment's deletion (PostgreSQL: SQLite writes one transaction at a time): it
 * waits for the deletion's hold on the comment's row, then finds the placeholder and is refused,
 * rather than landing on a comment that has no reactions any more.
 */
describe("posts: a reaction racing a deletion", { skip: testEngine !== "postgres" }, () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
    bob = await person(ctx.deps, "bob", "Bob Durand");
  });
  after(() => ctx.close());

  it("is refused once the comment became a placeholder under it", async () => {
    const root = await post(ctx.deps, alice, { body: "Root" });
    const comment = await post(ctx.deps, bob, { body: "A comment", parentId: root });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let blanked = () => {};
    const isBlank = new Promise<void>((resolve) => {
      blanked = resolve;
    });
    // The deletion's first step, held open: the comment's row, made a placeholder.
    const deletion = ctx.deps.db.transaction().execute(async (tx) => {
      await tx
        .updateTable("posts")
        .set({ deleted_at: new Date().toISOString(), body: "" })
        .where("id", "=", comment)
        .execute();
      blanked();
      await held;
    });
    await isBlank;
    const reaction = react(ctx.deps, alice.viewer, comment, "like");
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await deletion;
    await assert.rejects(
      reaction,
      (e: unknown) => e instanceof Conflict && e.messageKey === "error.post.deleted",
    );
    const { n } = await ctx.deps.db
      .selectFrom("reactions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("post_id", "=", comment)
      .executeTakeFirstOrThrow();
    assert.equal(Number(n), 0);
  });
});
