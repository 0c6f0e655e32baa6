import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KyselyPlugin } from "kysely";
import type { Deps } from "../../src/services/deps.ts";
import { countRequests, listConversations } from "../../src/services/messages/list.ts";
import { readConversation } from "../../src/services/messages/read.ts";
import { sendMessage } from "../../src/services/messages/send.ts";
import { startConversation } from "../../src/services/messages/start.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { blockRow, connect, type Person, person } from "./messages.fixtures.ts";

/** A copy of the dependencies whose database counts the queries it runs. */
function counting(deps: Deps) {
  const counter = { queries: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      counter.queries += 1;
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  return { deps: { ...deps, db: deps.db.withPlugin(plugin) }, counter };
}

describe("messages: lists and pages", () => {
  let ctx: TestContext;
  let ana: Person;
  const friends: Person[] = [];
  before(async () => {
    ctx = await createTestContext();
    ana = await person(ctx.deps, "ana", "Ana");
    for (let i = 0; i < 45; i++) {
      const friend = await person(ctx.deps, `f${String(i).padStart(2, "0")}`, `Friend ${i}`);
      await connect(ctx.deps, ana, friend);
      friends.push(friend);
      // Several conversations share a timestamp: the page boundary must still split them exactly.
      if (i % 3 === 0) ctx.clock.advance(1000);
      await startConversation(ctx.deps, friend.viewer, { to: ["ana"], body: `hello from ${i}` });
    }
  });
  after(() => ctx.close());

  it("pages the inbox newest first, 20 at a time, without duplicates or omissions", async () => {
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const page = await listConversations(ctx.deps, ana.viewer, { box: "inbox", before });
      assert.ok(page.conversations.length <= 20);
      seen.push(...page.conversations.flatMap((c) => c.others.map((o) => o.handle)));
      before = page.olderCursor ?? undefined;
      pages += 1;
    } while (before);
    assert.equal(pages, 3);
    assert.equal(seen.length, 45);
    assert.equal(new Set(seen).size, 45);
    assert.deepEqual(
      seen.slice(0, 3),
      ["f44", "f43", "f42"],
      "at the same time, the newer conversation first",
    );
    const times = (await listConversations(ctx.deps, ana.viewer, { box: "inbox" })).conversations.map(
      (c) => c.lastMessageAt,
    );
    assert.deepEqual(times, [...times].sort().reverse());
  });

  it("gives each conversation its people, last message and unread count", async () => {
    const { conversations } = await listConversations(ctx.deps, ana.viewer, { box: "inbox" });
    const newest = conversations[0];
    assert.equal(newest?.others.length, 1);
    assert.equal(newest?.others[0]?.handle, "f44");
    assert.equal(newest?.others[0]?.displayName, "Friend 44");
    assert.deepEqual(newest?.lastMessage, { body: "hello from 44", fromViewer: false });
    assert.equal(newest?.unreadCount, 1);

    ctx.clock.advance(1000);
    const older = conversations[5];
    assert.ok(older);
    await sendMessage(ctx.deps, ana.viewer, older.id, { body: "reply from Ana" });
    const after = await listConversations(ctx.deps, ana.viewer, { box: "inbox" });
    assert.equal(after.conversations[0]?.id, older.id, "a new message brings the conversation to the top");
    assert.deepEqual(after.conversations[0]?.lastMessage, { body: "reply from Ana", fromViewer: true });
    assert.equal(after.conversations[0]?.unreadCount, 0);
  });

  it("runs the same few queries whatever the page holds", async () => {
    const lonely = await person(ctx.deps, "lonely");
    const few = counting(ctx.deps);
    await listConversations(few.deps, lonely.viewer, { box: "inbox" });
    const many = counting(ctx.deps);
    const page = await listConversations(many.deps, ana.viewer, { box: "inbox" });
    assert.equal(page.conversations.length, 20);
    assert.ok(many.counter.queries <= 3, `${many.counter.queries} queries`);
    assert.ok(few.counter.queries <= many.counter.queries);
    const read = counting(ctx.deps);
    await readConversation(read.deps, ana.viewer, page.conversations[3]?.id ?? "");
    assert.ok(read.counter.queries <= 4, `${read.counter.queries} queries`);
  });

  it("pages a long conversation 40 messages at a time, newest page first, each shown oldest first", async () => {
    const [friend] = friends;
    assert.ok(friend);
    const { conversations } = await listConversations(ctx.deps, friend.viewer, { box: "inbox" });
    const id = conversations[0]?.id ?? "";
    for (let i = 1; i <= 90; i++)
      await sendMessage(ctx.deps, i % 2 ? ana.viewer : friend.viewer, id, { body: `m${i}` });
    const bodies: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const thread = await readConversation(ctx.deps, ana.viewer, id, { before });
      assert.ok(thread.messages.length <= 40);
      bodies.unshift(...thread.messages.map((m) => m.body));
      before = thread.olderCursor ?? undefined;
      pages += 1;
    } while (before);
    assert.equal(pages, 3);
    assert.deepEqual(bodies, ["hello from 0", ...Array.from({ length: 90 }, (_, i) => `m${i + 1}`)]);
  });

  it("shows requests in their own box, without those of people the viewer blocked or muted", async () => {
    const bea = await person(ctx.deps, "bea");
    const senders = await Promise.all(["s1", "s2", "s3"].map((h) => person(ctx.deps, h)));
    for (const sender of senders)
      await startConversation(ctx.deps, sender.viewer, { to: ["bea"], body: "hi" });
    const handles = async () =>
      (await listConversations(ctx.deps, bea.viewer, { box: "requests" })).conversations.map(
        (c) => c.others[0]?.handle,
      );
    assert.deepEqual((await handles()).sort(), ["s1", "s2", "s3"]);
    assert.equal((await listConversations(ctx.deps, bea.viewer, { box: "inbox" })).conversations.length, 0);
    await blockRow(ctx.deps, bea, senders[0] as Person);
    await blockRow(ctx.deps, bea, senders[1] as Person, "mutes");
    assert.deepEqual(await handles(), ["s3"]);
    assert.equal(await countRequests(ctx.deps, bea.viewer), 1);
  });
});
