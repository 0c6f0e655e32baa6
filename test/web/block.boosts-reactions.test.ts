import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { boost } from "../../src/services/posts/boost.ts";
import { react } from "../../src/services/posts/react.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { follow, type Person, person, post } from "../services/posts.fixtures.ts";

/**
 * A block takes back each one's boosts of and reactions to the other's posts: neither can see those
 * posts any more to undo them, and a boost would keep showing the blocker's post in the other's name.
 */
describe("blocking takes back boosts and reactions between the two", () => {
  let ctx: TestContext;
  let alice: Person;
  let dan: Person;
  let carol: Person;
  let eve: Person;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
    dan = await person(ctx.deps, "dan", "Dan Roux");
    carol = await person(ctx.deps, "carol", "Carol Petit");
    eve = await person(ctx.deps, "eve", "Eve Blanc");
    await follow(ctx.deps, eve, dan);
  });
  after(() => ctx.close());

  const counts = (id: string) =>
    ctx.deps.db
      .selectFrom("posts")
      .select(["reaction_count", "boost_count"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
      .then((r) => ({ reactions: Number(r.reaction_count), boosts: Number(r.boost_count) }));

  it("removes them both ways, in her conversations too, and keeps everyone else's", async () => {
    const hers = await post(ctx.deps, alice, { body: "Alice's sunset" });
    const comment = await post(ctx.deps, carol, { body: "Carol's comment", parentId: hers });
    const his = await post(ctx.deps, dan, { body: "Dan's post" });
    await boost(ctx.deps, dan.viewer, hers);
    await react(ctx.deps, dan.viewer, hers, "love");
    await react(ctx.deps, dan.viewer, comment, "like");
    await boost(ctx.deps, carol.viewer, hers);
    await react(ctx.deps, carol.viewer, hers, "like");
    await boost(ctx.deps, alice.viewer, his);
    await react(ctx.deps, alice.viewer, his, "wow");
    await drainJobs(ctx.deps);
    const asEve = await signedInClient(ctx, eve);
    assert.match(await (await asEve.get("/")).text(), /Dan Roux boosted this/, "the boost in Eve's home");

    const asAlice = await signedInClient(ctx, alice);
    assert.equal((await asAlice.post("/@dan/block", {})).status, 303);

    assert.deepEqual(await counts(hers), { reactions: 1, boosts: 1 }, "Carol's stay, Dan's go");
    assert.deepEqual(await counts(comment), { reactions: 0, boosts: 0 }, "in Alice's conversation too");
    assert.deepEqual(await counts(his), { reactions: 0, boosts: 0 }, "Alice's on Dan's post go");
    const left = await ctx.deps.db
      .selectFrom("reactions")
      .select(["actor_id", "emoji"])
      .where("post_id", "=", hers)
      .execute();
    assert.deepEqual(
      left.map((r) => ({ ...r })),
      [{ actor_id: carol.accountId, emoji: "like" }],
    );
    // Eve's home drops an entry whose boost is gone (timelines/page.ts) once it is drawn again.
    const boosts = await ctx.deps.db
      .selectFrom("boosts")
      .select("actor_id")
      .where("post_id", "=", hers)
      .execute();
    assert.deepEqual(
      boosts.map((b) => b.actor_id),
      [carol.accountId],
    );
    const page = await (await asAlice.get(`/@alice/posts/${hers}`)).text();
    assert.match(page, /Boost \(1\)/, "the count shown is Carol's boost alone");
  });
});
