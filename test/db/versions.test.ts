import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { block } from "../../src/services/moderation/block.ts";
import { bookmark } from "../../src/services/posts/bookmarks.ts";
import { boost } from "../../src/services/posts/boost.ts";
import { setCommentsClosed } from "../../src/services/posts/close.ts";
import { createPost } from "../../src/services/posts/create.ts";
import { editPost } from "../../src/services/posts/edit.ts";
import { react, unreact } from "../../src/services/posts/react.ts";
import { vote } from "../../src/services/posts/vote.ts";
import { updateProfile } from "../../src/services/profiles/update.ts";
import { createTestContext, type TestContext, testEngine } from "../helpers/context.ts";
import { connect, follow, type Person, person } from "../services/messages.fixtures.ts";

/** Migration 0018's counters, moved by triggers as people act through the real services. */
describe(`version counters (${testEngine})`, () => {
  let ctx: TestContext;
  let ana: Person;
  let bob: Person;
  let cat: Person;
  before(async () => {
    ctx = await createTestContext();
    ana = await person(ctx.deps, "ana", "Ana Lima");
    bob = await person(ctx.deps, "bob", "Bob Stone");
    cat = await person(ctx.deps, "cat", "Cat Moss");
  });
  after(() => ctx.close());

  const actor = async (who: Person) => {
    const row = await ctx.deps.db
      .selectFrom("actors")
      .select(["content_version", "marks_version", "graph_version", "inbox_version"])
      .where("id", "=", who.accountId)
      .executeTakeFirstOrThrow();
    return {
      content: Number(row.content_version),
      marks: Number(row.marks_version),
      graph: Number(row.graph_version),
      inbox: Number(row.inbox_version),
    };
  };
  const post = async (id: string) =>
    Number(
      (await ctx.deps.db.selectFrom("posts").select("version").where("id", "=", id).executeTakeFirstOrThrow())
        .version,
    );

  /** Runs `act` and tells which counters moved. */
  async function moved(act: () => Promise<unknown>, postId?: string) {
    const before = { ana: await actor(ana), bob: await actor(bob), cat: await actor(cat) };
    const postBefore = postId ? await post(postId) : 0;
    await act();
    const after = { ana: await actor(ana), bob: await actor(bob), cat: await actor(cat) };
    const changes: string[] = [];
    for (const who of ["ana", "bob", "cat"] as const) {
      for (const key of ["content", "marks", "graph", "inbox"] as const) {
        if (after[who][key] !== before[who][key]) changes.push(`${who}.${key}`);
      }
    }
    if (postId && (await post(postId)) !== postBefore) changes.push("post");
    return changes.sort();
  }

  it("moves the card's version and its author's content with everything a card shows", async () => {
    let id = "";
    assert.deepEqual(
      await moved(async () => {
        id = (await createPost(ctx.deps, ana.viewer, { body: "Hello", visibility: "public" })).id;
      }),
      ["ana.content"],
    );
    assert.deepEqual(await moved(() => react(ctx.deps, bob.viewer, id, "like"), id), [
      "ana.content",
      "bob.marks",
      "post",
    ]);
    assert.deepEqual(await moved(() => react(ctx.deps, bob.viewer, id, "love"), id), [
      "ana.content",
      "bob.marks",
      "post",
    ]);
    assert.deepEqual(await moved(() => unreact(ctx.deps, bob.viewer, id), id), [
      "ana.content",
      "bob.marks",
      "post",
    ]);
    assert.deepEqual(await moved(() => boost(ctx.deps, cat.viewer, id), id), [
      "ana.content",
      "cat.marks",
      "post",
    ]);
    assert.deepEqual(await moved(() => bookmark(ctx.deps, cat.viewer, id), id), ["cat.marks"]);
    assert.deepEqual(await moved(() => editPost(ctx.deps, ana.viewer, id, { body: "Hello again" }), id), [
      "ana.content",
      "post",
    ]);
    assert.deepEqual(await moved(() => setCommentsClosed(ctx.deps, ana.viewer, id, true), id), [
      "ana.content",
      "post",
    ]);
  });

  it("moves a poll's card with each vote, and a parent's with each reply", async () => {
    const { id } = await createPost(ctx.deps, ana.viewer, {
      body: "Which?",
      visibility: "public",
      poll: { options: ["Yes", "No"], multiple: false, durationSeconds: 3600 },
    });
    const options = await ctx.deps.db
      .selectFrom("poll_options")
      .select("id")
      .where("post_id", "=", id)
      .execute();
    assert.deepEqual(await moved(() => vote(ctx.deps, bob.viewer, id, [options[0]?.id ?? ""]), id), [
      "ana.content",
      "bob.marks",
      "post",
    ]);
    const plain = await createPost(ctx.deps, ana.viewer, { body: "Thread", visibility: "public" });
    assert.deepEqual(
      await moved(
        () => createPost(ctx.deps, bob.viewer, { body: "A reply", visibility: "public", parentId: plain.id }),
        plain.id,
      ),
      ["ana.content", "bob.content", "post"],
    );
  });

  it("moves the profile's content with its fields, and both ends' graph with follows, connections, blocks", async () => {
    assert.deepEqual(
      await moved(() => updateProfile(ctx.deps, ana.viewer, { displayName: "Ana L.", interests: "rust" })),
      ["ana.content"],
    );
    assert.deepEqual(await moved(() => follow(ctx.deps, cat, ana)), ["ana.graph", "cat.graph"]);
    assert.deepEqual(await moved(() => connect(ctx.deps, ana, bob)), ["ana.graph", "bob.graph"]);
    assert.deepEqual(await moved(() => block(ctx.deps, cat.viewer, bob.accountId)), [
      "bob.graph",
      "cat.graph",
      "cat.inbox",
    ]);
  });
});
