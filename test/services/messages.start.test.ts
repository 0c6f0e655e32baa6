import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Invalid } from "../../src/domain/errors.ts";
import { startConversation } from "../../src/services/messages/start.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { blockRow, connect, follow, type Person, person, stateOf } from "./messages.fixtures.ts";

function invalidAt(field: string, key: string) {
  return (error: unknown) => error instanceof Invalid && error.fields[field]?.key === key;
}

describe("messages: starting a conversation", () => {
  let ctx: TestContext;
  let ana: Person;
  let ben: Person;
  let cleo: Person;
  let dan: Person;
  let eve: Person;
  before(async () => {
    ctx = await createTestContext();
    ana = await person(ctx.deps, "ana");
    ben = await person(ctx.deps, "ben");
    cleo = await person(ctx.deps, "cleo");
    dan = await person(ctx.deps, "dan");
    eve = await person(ctx.deps, "eve");
    await connect(ctx.deps, ana, ben);
    await follow(ctx.deps, cleo, ana);
    await follow(ctx.deps, ana, dan); // Ana follows Dan: that does not let her into Dan's inbox.
  });
  after(() => ctx.close());

  const notices = (recipient: Person) =>
    ctx.deps.db
      .selectFrom("notifications")
      .selectAll()
      .where("recipient_id", "=", recipient.accountId)
      .where("kind", "=", "message_request")
      .execute();

  it("puts a message from a connection or someone you follow in the inbox, a stranger's in requests", async () => {
    const toBen = await startConversation(ctx.deps, ana.viewer, { to: ["ben"], body: "Hi Ben" });
    const toCleo = await startConversation(ctx.deps, ana.viewer, { to: ["@Cleo"], body: "Hi Cleo" });
    const toDan = await startConversation(ctx.deps, ana.viewer, { to: ["dan"], body: "Hi Dan" });
    assert.equal((await stateOf(ctx.deps, toBen.conversationId, ben)).state, "active");
    assert.equal((await stateOf(ctx.deps, toCleo.conversationId, cleo)).state, "active");
    assert.equal((await stateOf(ctx.deps, toDan.conversationId, dan)).state, "request");
    assert.equal((await stateOf(ctx.deps, toDan.conversationId, ana)).state, "active");
    assert.equal((await notices(ben)).length, 0);
    const [notice, ...more] = await notices(dan);
    assert.equal(more.length, 0);
    assert.equal(notice?.actor_id, ana.accountId);
    assert.equal(notice?.subject_id, toDan.conversationId);
  });

  it("reuses the one 1:1 conversation of a pair, whoever writes first, and notifies a request once", async () => {
    const first = await startConversation(ctx.deps, eve.viewer, { to: ["ben"], body: "one" });
    const again = await startConversation(ctx.deps, eve.viewer, { to: ["ben"], body: "two" });
    const back = await startConversation(ctx.deps, ben.viewer, { to: ["eve"], body: "three" });
    assert.equal(again.conversationId, first.conversationId);
    assert.equal(back.conversationId, first.conversationId);
    assert.equal((await notices(ben)).length, 1);
    const conversation = await ctx.deps.db
      .selectFrom("conversations")
      .selectAll()
      .where("id", "=", first.conversationId)
      .executeTakeFirstOrThrow();
    assert.equal(conversation.kind, "direct");
    assert.equal(conversation.direct_key, [ben.accountId, eve.accountId].sort().join(":"));
    // Ben writing back to Eve took the initiative: his side is in his inbox now.
    assert.equal((await stateOf(ctx.deps, first.conversationId, ben)).state, "active");
  });

  it("starts a group of up to 20 people, sender included, with an optional name", async () => {
    const extra = await Promise.all(Array.from({ length: 19 }, (_, i) => person(ctx.deps, `g${i}`)));
    const group = await startConversation(ctx.deps, ana.viewer, {
      to: extra.map((p) => p.handle),
      body: "Welcome all",
      title: "Meetup crew",
    });
    const members = await ctx.deps.db
      .selectFrom("conversation_members")
      .select("account_id")
      .where("conversation_id", "=", group.conversationId)
      .execute();
    assert.equal(members.length, 20);
    const second = await startConversation(ctx.deps, ana.viewer, { to: ["g0", "g1"], body: "new" });
    assert.notEqual(second.conversationId, group.conversationId, "groups are never reused");

    const twenty = [...extra.map((p) => p.handle), "ben"];
    await assert.rejects(
      startConversation(ctx.deps, ana.viewer, { to: twenty, body: "too many" }),
      invalidAt("to", "error.message.tooManyPeople"),
    );
  });

  it("refuses blocked people either way, naming only the recipient", async () => {
    const fay = await person(ctx.deps, "fay");
    const gus = await person(ctx.deps, "gus");
    await blockRow(ctx.deps, fay, ana); // Fay blocked Ana.
    await blockRow(ctx.deps, ana, gus); // Ana blocked Gus.
    for (const [sender, to] of [
      [ana, "fay"],
      [fay, "ana"],
      [ana, "gus"],
      [gus, "ana"],
    ] as const) {
      await assert.rejects(
        startConversation(ctx.deps, sender.viewer, { to: [to], body: "hello" }),
        (error: unknown) =>
          invalidAt("to", "error.message.blocked")(error) &&
          (error as Invalid).fields.to?.params?.handle === to,
      );
    }
    await assert.rejects(
      startConversation(ctx.deps, ana.viewer, { to: ["ben", "fay"], body: "group" }),
      invalidAt("to", "error.message.blocked"),
    );
  });

  it("checks the recipients and the text", async () => {
    await assert.rejects(
      startConversation(ctx.deps, ana.viewer, { to: ["nobody_here"], body: "x" }),
      invalidAt("to", "error.message.unknownRecipient"),
    );
    await assert.rejects(
      startConversation(ctx.deps, ana.viewer, { to: ["ana"], body: "x" }),
      invalidAt("to", "error.message.recipientRequired"),
    );
    await assert.rejects(
      startConversation(ctx.deps, ana.viewer, { to: ["ben"], body: "   " }),
      invalidAt("body", "error.message.empty"),
    );
    await assert.rejects(
      startConversation(ctx.deps, ana.viewer, { to: ["ben"], body: "x".repeat(5001) }),
      invalidAt("body", "error.message.tooLong"),
    );
    const trimmed = await startConversation(ctx.deps, ana.viewer, {
      to: ["ben"],
      body: `  ${"y".repeat(5000)}  `,
    });
    const message = await ctx.deps.db
      .selectFrom("messages")
      .select("body")
      .where("id", "=", trimmed.messageId)
      .executeTakeFirstOrThrow();
    assert.equal(message.body.length, 5000);
  });
});
