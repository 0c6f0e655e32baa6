import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  canSeePost,
  type RelationName,
  relationNamed,
  VISIBILITIES,
} from "../../src/domain/posts/visibility.ts";
import { loadPostCards } from "../../src/services/posts/cards.ts";
import { relationToPost, visiblePost, whereVisibleTo } from "../../src/services/posts/visible.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { EXPECTED, post, type World, world } from "./posts.fixtures.ts";

describe("post visibility in SQL agrees with the pure rule", () => {
  let ctx: TestContext;
  let w: World;
  const roots: Record<string, string> = {};
  const replies: Record<string, string> = {};

  before(async () => {
    ctx = await createTestContext();
    w = await world(ctx.deps);
    for (const visibility of VISIBILITIES) {
      roots[visibility] = await post(ctx.deps, w.alice, { body: `To @mia, ${visibility}`, visibility });
      // A comment by Bob asks for public: it is narrowed to the root's audience (Alice's).
      if (visibility !== "mentioned") {
        replies[visibility] = await post(ctx.deps, w.bob, {
          body: "A comment",
          visibility: "public",
          parentId: roots[visibility],
        });
      }
    }
  });
  after(() => ctx.close());

  for (const visibility of VISIBILITIES) {
    for (const name of Object.keys(EXPECTED[visibility]) as RelationName[]) {
      const expected = EXPECTED[visibility][name];
      it(`${visibility} × ${name}: ${expected ? "visible" : "hidden"} (pure rule, SQL filter, cards, single read)`, async () => {
        const viewer = w.as[name];
        const viewerId = viewer?.accountId ?? null;
        const id = roots[visibility] as string;
        const row = await ctx.deps.db
          .selectFrom("posts")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        const relation = await relationToPost(ctx.deps.db, viewerId, row);
        assert.equal(canSeePost(row, relation), expected, "relation computed from the database");
        assert.equal(canSeePost(row, relationNamed(name)), expected, "named relation");
        const found = await ctx.deps.db
          .selectFrom("posts")
          .select("id")
          .where("id", "=", id)
          .where(whereVisibleTo(viewerId))
          .execute();
        assert.equal(found.length === 1, expected, "whereVisibleTo");
        const cards = await loadPostCards(ctx.deps, viewer?.viewer ?? null, [id]);
        assert.equal(cards.length === 1, expected, "loadPostCards");
        const read = await visiblePost(ctx.deps.db, viewerId, id).then(
          () => true,
          () => false,
        );
        assert.equal(read, expected, "visiblePost");
      });
    }
  }

  it("the viewer who blocked the author sees nothing of theirs either", async () => {
    for (const visibility of VISIBILITIES) {
      const found = await ctx.deps.db
        .selectFrom("posts")
        .select("id")
        .where("id", "=", roots[visibility] as string)
        .where(whereVisibleTo(w.fred.accountId))
        .execute();
      assert.equal(found.length, 0, visibility);
    }
  });

  it("a comment is seen by exactly those who see the thread (never wider than the root)", async () => {
    for (const visibility of ["public", "followers", "connections"] as const) {
      const reply = await ctx.deps.db
        .selectFrom("posts")
        .selectAll()
        .where("id", "=", replies[visibility] as string)
        .executeTakeFirstOrThrow();
      assert.equal(reply.visibility, visibility, "narrowed to the parent's visibility");
      assert.equal(reply.audience_id, w.alice.accountId, "the thread's audience");
      for (const name of Object.keys(EXPECTED[visibility]) as RelationName[]) {
        if (name === "mentioned") continue; // Mia is mentioned in the root, not in the comment
        const viewerId = w.as[name]?.accountId ?? null;
        const found = await ctx.deps.db
          .selectFrom("posts as p")
          .select("p.id")
          .where("p.id", "=", reply.id)
          .where(whereVisibleTo(viewerId, "p"))
          .execute();
        assert.equal(found.length === 1, EXPECTED[visibility][name], `${visibility} comment × ${name}`);
      }
    }
  });

  it("a comment in Alice's connections-only thread stays out of reach of Bob's own connections", async () => {
    const zoe = await (await import("./posts.fixtures.ts")).person(ctx.deps, "zoe");
    await (await import("./posts.fixtures.ts")).connect(ctx.deps, w.bob, zoe);
    const found = await ctx.deps.db
      .selectFrom("posts")
      .select("id")
      .where("id", "=", replies.connections as string)
      .where(whereVisibleTo(zoe.accountId))
      .execute();
    assert.equal(found.length, 0);
  });
});
