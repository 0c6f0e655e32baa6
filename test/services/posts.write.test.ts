import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Conflict, NotFound } from "../../src/domain/errors.ts";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { boost } from "../../src/services/posts/boost.ts";
import { loadPostCards } from "../../src/services/posts/cards.ts";
import { setCommentsClosed } from "../../src/services/posts/close.ts";
import { createPost } from "../../src/services/posts/create.ts";
import { deletePost } from "../../src/services/posts/delete.ts";
import { react } from "../../src/services/posts/react.ts";
import { loadThread } from "../../src/services/posts/thread.ts";
import { vote } from "../../src/services/posts/vote.ts";
import type { Storage } from "../../src/services/storage.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { png } from "../web/posts.fixtures.ts";
import { blockRow, connect, follow, type Person, person, post } from "./posts.fixtures.ts";

describe("posts: ledger, notifications, closed threads, polls, failures", () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  let dan: Person;

  const facts = (owner: Person, kind: string) =>
    ctx.deps.db
      .selectFrom("interactions")
      .selectAll()
      .where("owner_id", "=", owner.accountId)
      .where("kind", "=", kind)
      .execute();
  const notes = (recipient: Person, kind: string) =>
    ctx.deps.db
      .selectFrom("notifications")
      .selectAll()
      .where("recipient_id", "=", recipient.accountId)
      .where("kind", "=", kind as "mention")
      .execute();
  const mediaFiles = () => {
    const dir = join(ctx.dataDir, "media", "posts");
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice");
    bob = await person(ctx.deps, "bob", "Bob");
    carol = await person(ctx.deps, "carol", "Carol");
    dan = await person(ctx.deps, "dan", "Dan");
    await connect(ctx.deps, alice, bob);
    await follow(ctx.deps, carol, alice);
  });
  after(() => ctx.close());

  it("writes comment, reply, mention, reaction and boost facts to both ledgers, and notifies", async () => {
    const root = await post(ctx.deps, alice, { body: "Hello world" });
    const comment = await post(ctx.deps, bob, { body: "Hi @carol", parentId: root });
    await post(ctx.deps, alice, { body: "Welcome", parentId: comment });
    await react(ctx.deps, carol.viewer, root, "love");
    await boost(ctx.deps, dan.viewer, root);
    assert.equal((await facts(bob, "comment"))[0]?.initiator, "owner");
    assert.equal((await facts(alice, "comment"))[0]?.initiator, "other");
    assert.equal((await facts(alice, "reply"))[0]?.other_actor_id, bob.accountId);
    assert.equal((await facts(carol, "mention"))[0]?.other_actor_id, bob.accountId);
    assert.equal((await facts(alice, "reaction"))[0]?.other_actor_id, carol.accountId);
    assert.equal((await facts(alice, "boost"))[0]?.other_actor_id, dan.accountId);
    assert.equal((await facts(alice, "boost"))[0]?.channel, "public");
    assert.equal((await notes(alice, "reply")).length, 1);
    assert.equal((await notes(bob, "reply")).length, 1);
    assert.equal((await notes(carol, "mention")).length, 1);
    assert.equal((await notes(alice, "reaction")).length, 1);
    assert.equal((await notes(alice, "boost")).length, 1);
    const [card] = await loadPostCards(ctx.deps, carol.viewer, [root]);
    assert.equal(card?.replyCount, 2, "the whole thread: the comment and the reply under it");
    assert.equal(card?.reactionCount, 1);
    assert.equal(card?.boostCount, 1);
    assert.equal(card?.viewerReaction, "love");
  });

  it("respects blocks: no notification from someone blocked, no reaction to an unseen post", async () => {
    const erin = await person(ctx.deps, "erin", "Erin");
    await blockRow(ctx.deps, erin, alice);
    await post(ctx.deps, alice, { body: "Ping @erin" });
    assert.equal((await notes(erin, "mention")).length, 0);
    const hidden = await post(ctx.deps, erin, { body: "Mine", visibility: "public" });
    await assert.rejects(react(ctx.deps, alice.viewer, hidden, "like"), NotFound);
  });

  it("refuses comments in a closed thread through the verb itself (any way in), at every depth", async () => {
    const root = await post(ctx.deps, alice, { body: "Closing soon", visibility: "connections" });
    const comment = await post(ctx.deps, bob, { body: "Quick", parentId: root });
    await setCommentsClosed(ctx.deps, alice.viewer, root, true);
    await assert.rejects(post(ctx.deps, bob, { body: "Late", parentId: root }), Conflict);
    await assert.rejects(post(ctx.deps, bob, { body: "Late", parentId: comment }), Conflict);
    await assert.rejects(post(ctx.deps, alice, { body: "Even me", parentId: comment }), Conflict);
    await assert.rejects(post(ctx.deps, carol, { body: "Unseen", parentId: root }), NotFound);
    await assert.rejects(setCommentsClosed(ctx.deps, bob.viewer, root, false));
    const thread = await loadThread(ctx.deps, bob.viewer, comment);
    assert.equal(thread.focus.commentsClosed, true, "a comment knows its thread is closed");
  });

  it("draws deep and long threads in parts, with no query per comment", async () => {
    const root = await post(ctx.deps, alice, { body: "Big thread" });
    let parent = root;
    for (let depth = 0; depth < 6; depth++)
      parent = await post(ctx.deps, bob, { body: `Depth ${depth}`, parentId: parent });
    for (let i = 0; i < 35; i++) await post(ctx.deps, dan, { body: `Top ${i}`, parentId: root });
    const thread = await loadThread(ctx.deps, carol.viewer, root);
    assert.equal(thread.comments.length, 30);
    assert.equal(thread.hidden, 6, "36 direct answers, 30 drawn");
    let node = thread.comments[0];
    let levels = 0;
    while (node) {
      levels++;
      if (node.children.length === 0) {
        assert.equal(node.hidden, 1, "continue this thread");
        break;
      }
      node = node.children[0];
    }
    assert.equal(levels, 4);
    const all = await loadThread(ctx.deps, carol.viewer, root, { all: true });
    assert.equal(all.comments.length, 36);
  });

  it("closes a poll with a job: voters and author are told once", async () => {
    const id = await post(ctx.deps, alice, {
      body: "Lunch?",
      poll: { options: ["Yes", "No", "Later"], multiple: true, durationSeconds: 3600 },
    });
    const options = await ctx.deps.db
      .selectFrom("poll_options")
      .selectAll()
      .where("post_id", "=", id)
      .orderBy("position")
      .execute();
    const ids = options.map((o) => o.id);
    await vote(ctx.deps, bob.viewer, id, [ids[0] as string, ids[2] as string]);
    await vote(ctx.deps, carol.viewer, id, [ids[0] as string]);
    await assert.rejects(
      vote(ctx.deps, alice.viewer, id, [ids[1] as string]),
      Conflict,
      "not in one's own poll",
    );
    await drainJobs(ctx.deps);
    assert.equal((await notes(bob, "poll_ended")).length, 0, "not before the end");
    ctx.clock.advance(3601_000);
    await assert.rejects(vote(ctx.deps, dan.viewer, id, [ids[1] as string]), Conflict);
    await drainJobs(ctx.deps);
    await drainJobs(ctx.deps);
    assert.equal((await notes(bob, "poll_ended")).length, 1);
    assert.equal((await notes(carol, "poll_ended")).length, 1);
    assert.equal((await notes(alice, "poll_ended")).length, 1);
    const [card] = await loadPostCards(ctx.deps, dan.viewer, [id]);
    assert.equal(card?.poll?.ended, true);
    assert.equal(card?.poll?.showResults, true);
    assert.deepEqual(
      card?.poll?.options.map((o) => o.votes),
      [2, 0, 1],
    );
    assert.equal(card?.poll?.voterCount, 2);
  });

  it("leaves no post and no file when storing fails half-way or the write is refused", async () => {
    const before = mediaFiles().length;
    const count = async () => (await ctx.deps.db.selectFrom("posts").select("id").execute()).length;
    const posts = await count();
    let puts = 0;
    const failing: Storage = {
      ...ctx.deps.storage,
      put: async (key, bytes) => {
        puts++;
        if (puts === 3) throw new Error("disk full");
        await ctx.deps.storage.put(key, bytes);
      },
    };
    const image = { bytes: await png(), alt: "An image", credit: "" };
    await assert.rejects(
      createPost(
        { ...ctx.deps, storage: failing },
        alice.viewer,
        { body: "Two images", visibility: "public" },
        [image, image],
      ),
      /disk full/,
    );
    assert.equal(mediaFiles().length, before);
    // The thread closes while the files are being written: the transaction refuses, the files go.
    const root = await post(ctx.deps, alice, { body: "Race" });
    const closing: Storage = {
      ...ctx.deps.storage,
      put: async (key, bytes) => {
        await ctx.deps.storage.put(key, bytes);
        await ctx.deps.db.updateTable("posts").set({ comments_closed: 1 }).where("id", "=", root).execute();
      },
    };
    await assert.rejects(
      createPost(
        { ...ctx.deps, storage: closing },
        bob.viewer,
        { body: "Too late", visibility: "public", parentId: root },
        [image],
      ),
      Conflict,
    );
    assert.equal(mediaFiles().length, before);
    assert.equal(await count(), posts + 1);
  });

  it("deletes a comment with its author's own answers and keeps the parent's count right", async () => {
    const root = await post(ctx.deps, alice, { body: "Parent" });
    const comment = await post(ctx.deps, bob, { body: "Child", parentId: root }, [
      { bytes: await png(), alt: "img", credit: "" },
    ]);
    const answer = await post(ctx.deps, bob, { body: "Grandchild", parentId: comment });
    const files = mediaFiles().length;
    await assert.rejects(deletePost(ctx.deps, alice.viewer, comment));
    await deletePost(ctx.deps, bob.viewer, comment);
    const left = await ctx.deps.db
      .selectFrom("posts")
      .select("id")
      .where("id", "in", [comment, answer])
      .execute();
    assert.equal(left.length, 0);
    assert.equal(mediaFiles().length, files - 2);
    const [card] = await loadPostCards(ctx.deps, alice.viewer, [root]);
    assert.equal(card?.replyCount, 0);
  });
});
