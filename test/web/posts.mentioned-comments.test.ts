import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { removeConnection } from "../../src/services/connections/answer.ts";
import { whereVisibleTo } from "../../src/services/posts/visible.ts";
import type { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { connect, follow, type Person, person, post } from "../services/posts.fixtures.ts";

/**
 * A comment for "only people mentioned" is seen by those it mentions — but only among those who can
 * see the conversation it belongs to ("Seen by at most the people who can see what you answer"), when
 * written and when edited.
 */
describe("posts: a comment's mentions never reach outside its conversation", () => {
  let ctx: TestContext;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  let dan: Person;
  let zoe: Person;
  let asBob: TestClient;
  let asCarol: TestClient;
  let asDan: TestClient;
  let asZoe: TestClient;

  before(async () => {
    ctx = await createTestContext();
    alice = await person(ctx.deps, "alice", "Alice Martin");
    bob = await person(ctx.deps, "bob", "Bob Durand");
    carol = await person(ctx.deps, "carol", "Carol Petit");
    dan = await person(ctx.deps, "dan", "Dan Roux");
    zoe = await person(ctx.deps, "zoe", "Zoe Gris");
    await connect(ctx.deps, alice, bob);
    await connect(ctx.deps, alice, zoe);
    await follow(ctx.deps, carol, alice);
    asBob = await signedInClient(ctx, bob);
    asCarol = await signedInClient(ctx, carol);
    asDan = await signedInClient(ctx, dan);
    asZoe = await signedInClient(ctx, zoe);
  });
  after(() => ctx.close());

  /** Bob comments on `parentId` for "only people mentioned"; the new comment's id. */
  async function mentionOnly(parentId: string, body: string): Promise<string> {
    const response = await asBob.post(`/posts/${parentId}/reply`, { body, visibility: "mentioned" });
    assert.equal(response.status, 303);
    const id = /#post-([0-9a-f-]{36})$/.exec(response.headers.get("location") ?? "")?.[1];
    assert.ok(id, "the comment's id in the redirect");
    return id;
  }

  const mentionNotes = async (who: Person, postId: string) =>
    (
      await ctx.deps.db
        .selectFrom("notifications")
        .select("id")
        .where("recipient_id", "=", who.accountId)
        .where("kind", "=", "mention")
        .where("subject_id", "=", postId)
        .execute()
    ).length;

  it("leaves a stranger and a mere follower out of a connections-only conversation", async () => {
    const root = await post(ctx.deps, alice, { body: "Only for my connections", visibility: "connections" });
    const comment = await mentionOnly(root, "Between us: @dan and @carol, and @zoe");
    for (const [client, who] of [
      [asDan, dan],
      [asCarol, carol],
    ] as const) {
      assert.equal((await client.get(`/@bob/posts/${comment}`)).status, 404, `${who.handle}: comment page`);
      assert.equal(
        (await client.post(`/posts/${comment}/reply`, { body: "Let me in" })).status,
        404,
        `${who.handle}: cannot answer it`,
      );
      assert.equal(await mentionNotes(who, comment), 0, `${who.handle}: not notified`);
    }
    // Zoe, a connection of Alice, can see the conversation: the mention reaches her.
    const page = await asZoe.get(`/@bob/posts/${comment}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Between us/);
    assert.equal(await mentionNotes(zoe, comment), 1);
  });

  it("does not let an edit add a stranger to the comment's audience either", async () => {
    const root = await post(ctx.deps, alice, { body: "Followers only", visibility: "followers" });
    const comment = await mentionOnly(root, "Just for Alice");
    const edited = await asBob.post(`/posts/${comment}/edit`, { body: "Just for Alice, and @dan" });
    assert.equal(edited.status, 303);
    assert.equal((await asDan.get(`/@bob/posts/${comment}`)).status, 404);
    assert.equal(await mentionNotes(dan, comment), 0);
    // Carol follows Alice: she can see the conversation, and an edit mentioning her reaches her.
    await asBob.post(`/posts/${comment}/edit`, { body: "Just for Alice, and @carol" });
    assert.equal((await asCarol.get(`/@bob/posts/${comment}`)).status, 200);
    assert.equal(await mentionNotes(carol, comment), 1);
  });

  it("stops reaching someone mentioned once they can no longer see the conversation", async () => {
    const sam = await person(ctx.deps, "sam", "Sam Noir");
    await connect(ctx.deps, alice, sam);
    const asSam = await signedInClient(ctx, sam);
    const root = await post(ctx.deps, alice, { body: "Connections, a word", visibility: "connections" });
    const comment = await mentionOnly(root, "Sam, the zanzibar plan: @sam");
    /** Whether Sam sees the comment: its page (the rule), search and the SQL filter (its twin). */
    const samSees = async () => {
      const page = (await asSam.get(`/@bob/posts/${comment}`)).status === 200;
      const found = /zanzibar plan/.test(await (await asSam.get("/search?q=zanzibar")).text());
      const listed = await ctx.deps.db
        .selectFrom("posts")
        .select("id")
        .where("id", "=", comment)
        .where(whereVisibleTo(sam.accountId))
        .executeTakeFirst();
      return [page, found, listed !== undefined];
    };
    assert.deepEqual(await samSees(), [true, true, true], "while Alice's connection");
    await removeConnection(ctx.deps, alice.viewer, sam.accountId);
    assert.deepEqual(await samSees(), [false, false, false], "once no longer connected");
    assert.equal((await asBob.get(`/@bob/posts/${comment}`)).status, 200, "its author still sees it");
  });

  it("reaches anyone mentioned in a public conversation", async () => {
    const root = await post(ctx.deps, alice, { body: "For everyone", visibility: "public" });
    const comment = await mentionOnly(root, "Quietly, @dan");
    assert.equal((await asDan.get(`/@bob/posts/${comment}`)).status, 200);
    assert.equal(await mentionNotes(dan, comment), 1);
    assert.equal((await asCarol.get(`/@bob/posts/${comment}`)).status, 404, "not mentioned");
  });
});
