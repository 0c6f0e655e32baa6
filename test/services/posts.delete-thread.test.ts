import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Conflict } from "../../src/domain/errors.ts";
import { purgeAccount } from "../../src/services/accounts/delete-purge.ts";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { bookmark, listBookmarks } from "../../src/services/posts/bookmarks.ts";
import { boost } from "../../src/services/posts/boost.ts";
import { loadPostCards } from "../../src/services/posts/cards.ts";
import { deletePost } from "../../src/services/posts/delete.ts";
import { editPost } from "../../src/services/posts/edit.ts";
import { react } from "../../src/services/posts/react.ts";
import { loadThread, type ThreadNode } from "../../src/services/posts/thread.ts";
import { search } from "../../src/services/search/search.ts";
import { createTestContext, type TestContext, testEngine } from "../helpers/context.ts";
import { png } from "../web/posts.fixtures.ts";
import { blockRow, connect, follow, type Person, person, post } from "./posts.fixtures.ts";

/** The thread as the viewer reads it: each comment's text ("[deleted]" for a placeholder), nested. */
type Shape = [string, Shape[]];
const shape = (nodes: ThreadNode[]): Shape[] =>
  nodes.map((n) => [n.card.deleted ? "[deleted]" : n.card.body, shape(n.children)]);

describe(`deleting comments keeps other people's replies (${testEngine})`, () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  let dan: Person;

  const row = (id: string) =>
    ctx.deps.db.selectFrom("posts").selectAll().where("id", "=", id).executeTakeFirst();
  const rowsOf = (
    table:
      | "reactions"
      | "boosts"
      | "bookmarks"
      | "post_mentions"
      | "post_hashtags"
      | "post_edits"
      | "post_media",
    id: string,
  ) => ctx.deps.db.selectFrom(table).select("post_id").where("post_id", "=", id).execute();
  const mediaFiles = () => {
    const dir = join(ctx.dataDir, "media", "posts");
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  };
  const countFor = async (viewer: Person | null, id: string) =>
    (await loadPostCards(ctx.deps, viewer?.viewer ?? null, [id], { placeholders: true }))[0]?.replyCount;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
    bob = await person(ctx.deps, "bob", "Bob Durand");
    carol = await person(ctx.deps, "carol", "Carol Petit");
    dan = await person(ctx.deps, "dan", "Dan Roux");
    await connect(ctx.deps, alice, bob);
    await connect(ctx.deps, alice, carol);
    await follow(ctx.deps, dan, alice);
  });
  after(() => ctx.close());

  it("keeps a placeholder for the replies of others, and nothing of the deleted comment", async () => {
    const root = await post(ctx.deps, alice, { body: "What should we read next?" });
    const before = mediaFiles();
    const comment = await post(
      ctx.deps,
      bob,
      { body: "Try zanzibarquartz by @dan #bookclub", parentId: root },
      [{ bytes: await png(), alt: "A cover", credit: "" }],
    );
    const carolReply = await post(ctx.deps, carol, { body: "Carol agrees", parentId: comment });
    const deeper = await post(ctx.deps, alice, { body: "Alice answers Carol", parentId: carolReply });
    const bobOwn = await post(ctx.deps, bob, { body: "Bob adds a thought", parentId: comment });
    await editPost(ctx.deps, bob.viewer, comment, { body: "Try zanzibarquartz by @dan #bookclub!" });
    await react(ctx.deps, dan.viewer, comment, "like");
    await boost(ctx.deps, dan.viewer, comment);
    await bookmark(ctx.deps, carol.viewer, comment);
    assert.equal(mediaFiles().length, before.length + 2);
    assert.equal(await countFor(dan, root), 4, "the whole thread");
    assert.equal((await search(ctx.deps, dan.viewer, "zanzibarquartz")).posts.length, 1);
    assert.equal((await search(ctx.deps, dan.viewer, "#bookclub")).hashtags.length, 1);
    assert.equal((await listBookmarks(ctx.deps, carol.viewer)).items.length, 1);
    const notices = await ctx.deps.db
      .selectFrom("notifications")
      .select("kind")
      .where("subject_id", "=", comment)
      .execute();
    assert.ok(notices.length >= 3, "reply to Alice, mention of Dan, reaction and boost to Bob");

    await deletePost(ctx.deps, bob.viewer, comment);

    const kept = await row(comment);
    assert.ok(kept?.deleted_at, "the comment stays as a placeholder");
    assert.equal(kept.body, "");
    assert.equal(kept.body_ast, "[]");
    assert.equal(kept.author_id, alice.accountId, "it no longer names Bob: the thread's author holds it");
    assert.equal(kept.visibility, "public", "its audience stays");
    for (const table of [
      "reactions",
      "boosts",
      "bookmarks",
      "post_mentions",
      "post_hashtags",
      "post_edits",
      "post_media",
    ] as const)
      assert.deepEqual(await rowsOf(table, comment), [], table);
    assert.deepEqual(
      await ctx.deps.db.selectFrom("notifications").select("id").where("subject_id", "=", comment).execute(),
      [],
    );
    assert.deepEqual(mediaFiles(), before, "its image files are gone");
    assert.equal(await row(bobOwn), undefined, "Bob's own reply under it goes with it");
    assert.ok(await row(carolReply), "Carol's reply stays");
    assert.ok(await row(deeper), "and the answers under hers");
    // The ledger keeps what happened, as for any deletion.
    const facts = await ctx.deps.db
      .selectFrom("interactions")
      .select("kind")
      .where("source_id", "=", comment)
      .where("owner_id", "=", bob.accountId)
      .execute();
    assert.ok(facts.some((f) => f.kind === "comment"));

    const thread = await loadThread(ctx.deps, dan.viewer, root);
    assert.deepEqual(shape(thread.comments), [
      ["[deleted]", [["Carol agrees", [["Alice answers Carol", []]]]]],
    ]);
    const placeholder = thread.comments[0]?.card;
    assert.deepEqual(placeholder?.author, { id: "", handle: "", displayName: "", avatarKey: null });
    assert.equal(placeholder?.own, false, "not even the thread's author may act on it");
    assert.equal(placeholder?.boostable, false);
    assert.equal(placeholder?.replyCount, 1);
    assert.equal(await countFor(dan, root), 2, "placeholders are not comments");
    const root_ = await row(root);
    assert.equal(root_?.reply_count, 0, "no live direct reply");
    assert.equal(root_?.comment_count, 2);

    // Nowhere else: not a card outside its thread, not in search, hashtags or bookmarks.
    assert.deepEqual(await loadPostCards(ctx.deps, dan.viewer, [comment]), []);
    const found = await search(ctx.deps, dan.viewer, "zanzibarquartz");
    assert.deepEqual(found.posts, []);
    assert.deepEqual((await search(ctx.deps, dan.viewer, "#bookclub")).hashtags, []);
    assert.deepEqual((await listBookmarks(ctx.deps, carol.viewer)).items, []);

    // Not acted on, whoever tries and whatever the way in.
    for (const act of [
      () => react(ctx.deps, dan.viewer, comment, "love"),
      () => boost(ctx.deps, dan.viewer, comment),
      () => bookmark(ctx.deps, carol.viewer, comment),
      () => editPost(ctx.deps, alice.viewer, comment, { body: "Rewritten" }),
      () => deletePost(ctx.deps, alice.viewer, comment),
      () => deletePost(ctx.deps, bob.viewer, comment),
      () => editPost(ctx.deps, bob.viewer, comment, { body: "Back again" }),
    ])
      await assert.rejects(act, (e) => e instanceof Conflict && e.messageKey === "error.post.deleted");
    await assert.rejects(
      post(ctx.deps, carol, { body: "Answering nobody", parentId: comment }),
      (e) => e instanceof Conflict && e.messageKey === "error.post.replyToDeleted",
    );
  });

  it("removes a placeholder when the last reply under it goes, and so on up", async () => {
    const root = await post(ctx.deps, alice, { body: "Chains" });
    const first = await post(ctx.deps, bob, { body: "First", parentId: root });
    const second = await post(ctx.deps, carol, { body: "Second", parentId: first });
    const third = await post(ctx.deps, dan, { body: "Third", parentId: second });
    const aside = await post(ctx.deps, dan, { body: "Aside", parentId: root });
    await deletePost(ctx.deps, bob.viewer, first);
    await deletePost(ctx.deps, carol.viewer, second);
    assert.deepEqual(shape((await loadThread(ctx.deps, alice.viewer, root)).comments), [
      ["[deleted]", [["[deleted]", [["Third", []]]]]],
      ["Aside", []],
    ]);
    assert.equal(await countFor(alice, root), 2);
    await deletePost(ctx.deps, dan.viewer, third);
    for (const id of [first, second, third]) assert.equal(await row(id), undefined, id);
    assert.deepEqual(shape((await loadThread(ctx.deps, alice.viewer, root)).comments), [["Aside", []]]);
    assert.equal((await row(root))?.reply_count, 1);
    assert.equal(await countFor(alice, root), 1);
    // Deleting the root still takes the whole thread, placeholders included.
    const again = await post(ctx.deps, bob, { body: "Again", parentId: aside });
    await deletePost(ctx.deps, dan.viewer, aside);
    assert.ok((await row(aside))?.deleted_at);
    await deletePost(ctx.deps, alice.viewer, root);
    for (const id of [root, aside, again]) assert.equal(await row(id), undefined, id);
  });

  it("counts the comments each viewer may see: the whole thread on a root, direct replies on a comment", async () => {
    const erin = await person(ctx.deps, "erin", "Erin Blanc");
    const root = await post(ctx.deps, alice, { body: "Counting" });
    const open = await post(ctx.deps, bob, { body: "Open to all", parentId: root });
    await post(ctx.deps, carol, { body: "Connections only", parentId: open, visibility: "connections" });
    await post(ctx.deps, erin, { body: "By Erin", parentId: open });
    await post(ctx.deps, bob, { body: "Deeper", parentId: open });
    await blockRow(ctx.deps, dan, erin);
    // Alice sees all 4; Bob and Carol (connections) all 4; Dan (a follower who blocked Erin) 2;
    // a visitor 3 (not the connections-only one).
    assert.equal(await countFor(alice, root), 4);
    assert.equal(await countFor(carol, root), 4);
    assert.equal(await countFor(dan, root), 2);
    assert.equal(await countFor(null, root), 3);
    assert.equal(await countFor(alice, open), 3, "a comment counts its direct replies");
    assert.equal(await countFor(dan, open), 1);
    assert.equal(await countFor(null, open), 2);
    const thread = await loadThread(ctx.deps, dan.viewer, root);
    assert.deepEqual(shape(thread.comments), [["Open to all", [["Deeper", []]]]]);
  });

  it("keeps a comment for the people mentioned readable by them, its author included", async () => {
    const root = await post(ctx.deps, alice, { body: "Just @bob and @carol", visibility: "mentioned" });
    const comment = await post(ctx.deps, bob, {
      body: "Between us",
      parentId: root,
      visibility: "mentioned",
    });
    await post(ctx.deps, carol, { body: "Carol's answer", parentId: comment, visibility: "mentioned" });
    await deletePost(ctx.deps, bob.viewer, comment);
    for (const who of [alice, bob, carol])
      assert.deepEqual(
        shape((await loadThread(ctx.deps, who.viewer, root)).comments),
        [["[deleted]", [["Carol's answer", []]]]],
        who.handle,
      );
    await assert.rejects(loadThread(ctx.deps, dan.viewer, root), { name: "NotFound" });
  });

  it("moves the root's version with a comment at any depth, so kept pages show the count", async () => {
    const root = await post(ctx.deps, alice, { body: "Versions" });
    const first = await post(ctx.deps, bob, { body: "One", parentId: root });
    const version = async () => Number((await row(root))?.version);
    const before = await version();
    const deep = await post(ctx.deps, carol, { body: "Two", parentId: first });
    assert.ok((await version()) > before, "a reply two levels down");
    const middle = await version();
    await deletePost(ctx.deps, carol.viewer, deep);
    assert.ok((await version()) > middle, "and its deletion");
  });

  it("on purge, keeps the others' replies under the purged person's comments, and nothing of them", async () => {
    const zoe = await person(ctx.deps, "zoe", "Zoé Quux");
    const root = await post(ctx.deps, alice, { body: "A thread of Alice" });
    const hers = await post(ctx.deps, zoe, { body: "Zoé's comment", parentId: root }, [
      { bytes: await png(), alt: "Hers", credit: "" },
    ]);
    const filesOfHers = mediaFiles();
    const answer = await post(ctx.deps, bob, { body: "Bob answers Zoé", parentId: hers }, [
      { bytes: await png(), alt: "His", credit: "" },
    ]);
    const filesOfBob = mediaFiles().filter((f) => !filesOfHers.includes(f));
    const alone = await post(ctx.deps, zoe, { body: "Zoé alone", parentId: root });
    await post(ctx.deps, zoe, { body: "Zoé again", parentId: answer });
    const ownThread = await post(ctx.deps, zoe, { body: "Zoé's own post" });
    await post(ctx.deps, bob, { body: "Bob on Zoé's post", parentId: ownThread });
    assert.equal(await countFor(alice, root), 4);

    assert.equal(await purgeAccount(ctx.deps, zoe.accountId), true);
    await drainJobs(ctx.deps);

    assert.deepEqual(shape((await loadThread(ctx.deps, alice.viewer, root)).comments), [
      ["[deleted]", [["Bob answers Zoé", []]]],
    ]);
    assert.equal((await row(hers))?.author_id, alice.accountId);
    assert.equal(await row(alone), undefined);
    assert.equal(await row(ownThread), undefined, "her own threads go whole");
    assert.equal(await countFor(alice, root), 1);
    assert.equal((await row(answer))?.reply_count, 0);
    const left = mediaFiles();
    for (const f of filesOfBob) assert.ok(left.includes(f), "Bob's image stays");
    for (const f of filesOfHers) if (!filesOfBob.includes(f)) assert.ok(!left.includes(f), "hers goes");
    const traces = await ctx.deps.db
      .selectFrom("posts")
      .select("id")
      .where((eb) => eb.or([eb("author_id", "=", zoe.accountId), eb("audience_id", "=", zoe.accountId)]))
      .execute();
    assert.deepEqual(traces, []);
  });
});
