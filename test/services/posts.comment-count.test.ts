import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { VISIBILITIES } from "../../src/domain/posts/visibility.ts";
import { loadPostCards } from "../../src/services/posts/cards.ts";
import { deletePost } from "../../src/services/posts/delete.ts";
import { canSee } from "../../src/services/posts/visible.ts";
import { createTestContext, type TestContext, testEngine } from "../helpers/context.ts";
import { blockRow, type Person, post, type World, world } from "./posts.fixtures.ts";

/**
 * The card's count of comments, read with a shortcut (stored counts, less the comments that may be
 * hidden: narrower than what they answer, or by someone blocked either way, or under one hidden),
 * against the visibility rule itself put to every comment and what the thread draws from it: every
 * visibility of thread, every narrower one of comment and reply, every relation of viewer, blocks
 * with the commenters, a placeholder.
 */
describe(`comment counts match the visibility rule (${testEngine})`, () => {
  let ctx: TestContext;
  let w: World;
  const roots: string[] = [];

  before(async () => {
    ctx = await createTestContext();
    w = await world(ctx.deps);
    // Blocks with commenters (not with the thread's author): Carol blocked Mia, Dan is blocked by Bob.
    await blockRow(ctx.deps, w.carol, w.mia);
    await blockRow(ctx.deps, w.bob, w.dan);
    const canComment = async (who: Person, id: string) => {
      const row = await ctx.deps.db
        .selectFrom("posts")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      return canSee(ctx.deps.db, who.accountId, row);
    };
    const commenters = [w.alice, w.bob, w.carol, w.dan, w.mia];
    for (const visibility of VISIBILITIES) {
      const root = await post(ctx.deps, w.alice, { body: `Thread @mia @bob ${visibility}`, visibility });
      roots.push(root);
      const narrower = VISIBILITIES.slice(VISIBILITIES.indexOf(visibility));
      for (const [i, author] of commenters.entries()) {
        if (!(await canComment(author, root))) continue;
        const chosen = narrower[i % narrower.length] ?? visibility;
        const comment = await post(ctx.deps, author, {
          body: `@carol from ${author.handle}`,
          parentId: root,
          visibility: chosen,
        });
        for (const [j, other] of commenters.entries()) {
          if (other === author || !(await canComment(other, comment))) continue;
          const again = VISIBILITIES.slice(VISIBILITIES.indexOf(chosen));
          await post(ctx.deps, other, {
            body: "reply",
            parentId: comment,
            visibility: again[j % again.length] ?? chosen,
          });
        }
      }
    }
    // One comment with replies under it deleted: a placeholder, not counted.
    const bobs = await ctx.deps.db
      .selectFrom("posts")
      .select("id")
      .where("author_id", "=", w.bob.accountId)
      .where("parent_id", "=", roots[0] as string)
      .executeTakeFirstOrThrow();
    await deletePost(ctx.deps, w.bob.viewer, bobs.id);
  });
  after(() => ctx.close());

  it("for every viewer and every card of every thread", async () => {
    const posts = await ctx.deps.db
      .selectFrom("posts")
      .selectAll()
      .where((eb) => eb.or([eb("id", "in", roots), eb("root_id", "in", roots)]))
      .execute();
    let compared = 0;
    for (const viewer of [...Object.values(w.as), w.dan]) {
      const me = viewer?.accountId ?? null;
      // What the thread draws: a comment the viewer may see, under nothing hidden from them (a
      // placeholder in the way is drawn for the replies under it).
      const open = new Set<string>();
      for (const p of posts) if (await canSee(ctx.deps.db, me, p)) open.add(p.id);
      const byId = new Map(posts.map((p) => [p.id, p]));
      const reachable = (p: (typeof posts)[number]): boolean =>
        p.parent_id === null ||
        p.parent_id === p.root_id ||
        (open.has(p.parent_id) && reachable(byId.get(p.parent_id) as (typeof posts)[number]));
      const seen = new Set<string>();
      for (const p of posts) if (p.deleted_at === null && open.has(p.id) && reachable(p)) seen.add(p.id);
      const cards = await loadPostCards(
        ctx.deps,
        viewer?.viewer ?? null,
        posts.map((p) => p.id),
        { placeholders: true },
      );
      for (const card of cards) {
        const under = posts.filter((p) =>
          card.rootId === null ? p.root_id === card.id : p.parent_id === card.id,
        );
        const expected = under.filter((p) => seen.has(p.id)).length;
        assert.equal(
          card.replyCount,
          expected,
          `${viewer?.handle ?? "visitor"} on ${card.body || "[deleted]"}`,
        );
        compared++;
      }
    }
    assert.ok(compared > 100, `compared ${compared}`);
  });
});
