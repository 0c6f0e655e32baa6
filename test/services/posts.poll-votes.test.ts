import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Conflict } from "../../src/domain/errors.ts";
import { vote } from "../../src/services/posts/vote.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { type Person, person, post } from "./posts.fixtures.ts";

describe("posts: one vote per person, even sent twice at once", () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice");
    bob = await person(ctx.deps, "bob");
  });
  after(() => ctx.close());

  it("counts the first of simultaneous votes and refuses the others as already voted", async () => {
    const id = await post(ctx.deps, alice, {
      body: "Tea or coffee?",
      poll: { options: ["Tea", "Coffee"], multiple: false, durationSeconds: 3600 },
    });
    const [tea, coffee] = (
      await ctx.deps.db
        .selectFrom("poll_options")
        .select("id")
        .where("post_id", "=", id)
        .orderBy("position")
        .execute()
    ).map((o) => o.id);
    assert.ok(tea && coffee);
    // Two tabs and a double click: three votes of Bob's arriving together.
    const results = await Promise.allSettled([
      vote(ctx.deps, bob.viewer, id, [tea]),
      vote(ctx.deps, bob.viewer, id, [coffee]),
      vote(ctx.deps, bob.viewer, id, [tea]),
    ]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1, "one vote counts");
    for (const r of results)
      if (r.status === "rejected") assert.ok(r.reason instanceof Conflict, `refused as voted: ${r.reason}`);
    const votes = await ctx.deps.db
      .selectFrom("poll_votes")
      .select("option_id")
      .where("post_id", "=", id)
      .execute();
    assert.equal(votes.length, 1, "one choice in a one-choice poll");
    const poll = await ctx.deps.db
      .selectFrom("polls")
      .select("voter_count")
      .where("post_id", "=", id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(poll.voter_count), 1, "one voter");
    const counts = await ctx.deps.db
      .selectFrom("poll_options")
      .select("vote_count")
      .where("post_id", "=", id)
      .execute();
    assert.equal(
      counts.reduce((sum, o) => sum + Number(o.vote_count), 0),
      1,
      "one vote in the choices' counts",
    );
  });
});
