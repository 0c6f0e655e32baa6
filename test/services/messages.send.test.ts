import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Invalid, NotFound } from "../../src/domain/errors.ts";
import { readConversation } from "../../src/services/messages/read.ts";
import { acceptRequest, declineRequest } from "../../src/services/messages/requests.ts";
import { sendMessage } from "../../src/services/messages/send.ts";
import { startConversation } from "../../src/services/messages/start.ts";
import { badgeCounts } from "../../src/services/notifications/badges.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { blockRow, connect, follow, type Person, person, stateOf } from "./messages.fixtures.ts";

describe("messages: replying, answering requests, read state and the ledger", () => {
  let ctx: TestContext;
  let ana: Person;
  let ben: Person;
  let zed: Person;
  before(async () => {
    ctx = await createTestContext();
    ana = await person(ctx.deps, "ana");
    ben = await person(ctx.deps, "ben");
    zed = await person(ctx.deps, "zed");
  });
  after(() => ctx.close());

  const unread = async (p: Person) => (await badgeCounts(ctx.deps.db, p.accountId)).messages;

  it("lets a stranger's recipient accept by replying", async () => {
    const cat = await person(ctx.deps, "cat");
    const { conversationId } = await startConversation(ctx.deps, zed.viewer, {
      to: ["cat"],
      body: "Hello Cat",
    });
    assert.equal((await stateOf(ctx.deps, conversationId, cat)).state, "request");
    await sendMessage(ctx.deps, cat.viewer, conversationId, { body: "Hi Zed" });
    assert.equal((await stateOf(ctx.deps, conversationId, cat)).state, "active");
  });

  it("keeps conversations private: a non-member can neither read nor write, and learns nothing", async () => {
    const { conversationId } = await startConversation(ctx.deps, ana.viewer, {
      to: ["zed"],
      body: "private",
    });
    await assert.rejects(readConversation(ctx.deps, ben.viewer, conversationId), NotFound);
    await assert.rejects(sendMessage(ctx.deps, ben.viewer, conversationId, { body: "let me in" }), NotFound);
    await assert.rejects(sendMessage(ctx.deps, ben.viewer, "no-such-id", { body: "x" }), NotFound);
    await assert.rejects(acceptRequest(ctx.deps, ben.viewer, conversationId), NotFound);
    await assert.rejects(declineRequest(ctx.deps, ben.viewer, conversationId), NotFound);
    const count = await ctx.deps.db
      .selectFrom("messages")
      .select("id")
      .where("conversation_id", "=", conversationId)
      .execute();
    assert.equal(count.length, 1);
  });

  it("counts unread messages per member and clears them when the newest page is read, idempotently", async () => {
    const dee = await person(ctx.deps, "dee");
    const eli = await person(ctx.deps, "eli");
    await connect(ctx.deps, dee, eli);
    const { conversationId } = await startConversation(ctx.deps, dee.viewer, { to: ["eli"], body: "1" });
    await sendMessage(ctx.deps, dee.viewer, conversationId, { body: "2" });
    await sendMessage(ctx.deps, dee.viewer, conversationId, { body: "3" });
    assert.equal((await stateOf(ctx.deps, conversationId, eli)).unread_count, 3);
    assert.equal(await unread(eli), 3);
    assert.equal(await unread(dee), 0, "your own messages are read");

    ctx.clock.advance(60_000);
    const thread = await readConversation(ctx.deps, eli.viewer, conversationId);
    assert.deepEqual(
      thread.messages.map((m) => m.body),
      ["1", "2", "3"],
    );
    const read = await stateOf(ctx.deps, conversationId, eli);
    assert.equal(read.unread_count, 0);
    assert.equal(read.last_read_at, ctx.clock.now().toISOString());
    ctx.clock.advance(60_000);
    await readConversation(ctx.deps, eli.viewer, conversationId);
    assert.deepEqual(await stateOf(ctx.deps, conversationId, eli), read, "reading again changes nothing");

    await sendMessage(ctx.deps, eli.viewer, conversationId, { body: "4" });
    assert.equal(await unread(dee), 1);
  });

  it("counts requests in the badge, but not those from people the viewer blocked or muted", async () => {
    const fox = await person(ctx.deps, "fox");
    const gil = await person(ctx.deps, "gil");
    const hal = await person(ctx.deps, "hal");
    await startConversation(ctx.deps, gil.viewer, { to: ["fox"], body: "from gil" });
    await startConversation(ctx.deps, hal.viewer, { to: ["fox"], body: "from hal" });
    assert.equal(await unread(fox), 2);
    await blockRow(ctx.deps, fox, gil, "mutes");
    assert.equal(await unread(fox), 1);
    await blockRow(ctx.deps, fox, hal);
    assert.equal(await unread(fox), 0);
  });

  it("declines a request without telling the sender; later messages stay out of sight", async () => {
    const ivy = await person(ctx.deps, "ivy");
    const jon = await person(ctx.deps, "jon");
    const { conversationId } = await startConversation(ctx.deps, jon.viewer, {
      to: ["ivy"],
      body: "buy my course",
    });
    await declineRequest(ctx.deps, ivy.viewer, conversationId);
    await declineRequest(ctx.deps, ivy.viewer, conversationId); // twice is harmless
    assert.equal((await stateOf(ctx.deps, conversationId, ivy)).state, "declined");
    await assert.rejects(readConversation(ctx.deps, ivy.viewer, conversationId), NotFound);

    await startConversation(ctx.deps, jon.viewer, { to: ["ivy"], body: "still there?" });
    assert.equal((await stateOf(ctx.deps, conversationId, ivy)).state, "declined");
    assert.equal(await unread(ivy), 0);
    const jonView = await readConversation(ctx.deps, jon.viewer, conversationId);
    assert.equal(jonView.messages.length, 2, "the sender sees nothing different");

    // Once Ivy follows Jon, his messages reach her inbox again.
    await follow(ctx.deps, ivy, jon);
    await sendMessage(ctx.deps, jon.viewer, conversationId, { body: "glad you followed" });
    assert.equal((await stateOf(ctx.deps, conversationId, ivy)).state, "active");
  });

  it("accepts a request into the inbox, and declines with a block on request", async () => {
    const kim = await person(ctx.deps, "kim");
    const lou = await person(ctx.deps, "lou");
    const mo = await person(ctx.deps, "mo");
    const fromLou = await startConversation(ctx.deps, lou.viewer, { to: ["kim"], body: "hi" });
    await acceptRequest(ctx.deps, kim.viewer, fromLou.conversationId);
    await acceptRequest(ctx.deps, kim.viewer, fromLou.conversationId);
    assert.equal((await stateOf(ctx.deps, fromLou.conversationId, kim)).state, "active");

    const fromMo = await startConversation(ctx.deps, mo.viewer, { to: ["kim"], body: "spam" });
    await declineRequest(ctx.deps, kim.viewer, fromMo.conversationId, { block: true });
    const blocked = await ctx.deps.db
      .selectFrom("blocks")
      .selectAll()
      .where("owner_id", "=", kim.accountId)
      .where("target_id", "=", mo.accountId)
      .executeTakeFirst();
    assert.ok(blocked);
    await assert.rejects(
      sendMessage(ctx.deps, mo.viewer, fromMo.conversationId, { body: "again" }),
      (error: unknown) => error instanceof Invalid && error.fields.body?.params?.handle === "kim",
    );
  });

  it("writes one ledger fact per owner, day and side, and the first message to a connection welcomes", async () => {
    const nat = await person(ctx.deps, "nat");
    const oz = await person(ctx.deps, "oz");
    await connect(ctx.deps, nat, oz);
    ctx.clock.set("2026-04-01T10:00:00.000Z");
    const { conversationId } = await startConversation(ctx.deps, nat.viewer, {
      to: ["oz"],
      body: "Welcome!",
    });
    ctx.clock.set("2026-04-01T11:00:00.000Z");
    await sendMessage(ctx.deps, nat.viewer, conversationId, { body: "And another thing" });
    await sendMessage(ctx.deps, oz.viewer, conversationId, { body: "Thanks!" });
    ctx.clock.set("2026-04-02T09:00:00.000Z");
    await sendMessage(ctx.deps, nat.viewer, conversationId, { body: "Next day" });

    const facts = await ctx.deps.db
      .selectFrom("interactions")
      .select(["owner_id", "initiator", "day", "kind", "channel", "source_type"])
      .where("owner_id", "in", [nat.accountId, oz.accountId])
      .where("kind", "=", "dm_day_one_way")
      .orderBy("day")
      .orderBy("owner_id")
      .orderBy("initiator")
      .execute();
    const seen = facts
      .map((f) => `${f.owner_id === nat.accountId ? "nat" : "oz"} ${f.day} ${f.initiator}`)
      .sort();
    assert.deepEqual(seen, [
      "nat 2026-04-01 other",
      "nat 2026-04-01 owner",
      "nat 2026-04-02 owner",
      "oz 2026-04-01 other",
      "oz 2026-04-01 owner",
      "oz 2026-04-02 other",
    ]);
    assert.ok(facts.every((f) => f.channel === "dm" && f.source_type === "message"));

    const welcomes = await ctx.deps.db
      .selectFrom("connections")
      .select(["owner_id", "welcomed_at"])
      .where("owner_id", "in", [nat.accountId, oz.accountId])
      .execute();
    const welcomedAt = Object.fromEntries(
      welcomes.map((w) => [w.owner_id === nat.accountId ? "nat" : "oz", w.welcomed_at]),
    );
    assert.deepEqual(welcomedAt, { nat: "2026-04-01T10:00:00.000Z", oz: "2026-04-01T11:00:00.000Z" });
  });

  it("writes no ledger fact for group messages", async () => {
    const group = await startConversation(ctx.deps, ana.viewer, { to: ["ben", "zed"], body: "all of us" });
    const facts = await ctx.deps.db
      .selectFrom("interactions")
      .select("id")
      .where("source_id", "=", group.messageId)
      .execute();
    assert.equal(facts.length, 0);
  });
});
