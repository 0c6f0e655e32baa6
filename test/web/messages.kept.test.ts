import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { inboxVersion } from "../../src/services/messages/inbox-version.ts";
import type { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { blockRow, connect, type Person, person } from "../services/messages.fixtures.ts";

/**
 * A member's conversation pages are kept under their inbox version: each of these changes, made
 * within the seconds a kept page lives, must show on the very next request.
 */
describe("kept conversation pages", () => {
  let ctx: TestContext;
  let ana: Person;
  let bob: Person;
  let sam: Person;
  let ana1: TestClient;
  let bob1: TestClient;
  let sam1: TestClient;
  before(async () => {
    ctx = await createTestContext();
    ana = await person(ctx.deps, "ana", "Ana Lima");
    bob = await person(ctx.deps, "bob", "Bob Stone");
    sam = await person(ctx.deps, "sam", "Sam Stranger");
    await connect(ctx.deps, ana, bob);
    ana1 = await signedInClient(ctx, ana, { "accept-language": "en" });
    bob1 = await signedInClient(ctx, bob, { "accept-language": "en" });
    sam1 = await signedInClient(ctx, sam, { "accept-language": "en" });
  });
  after(() => ctx.close());

  const text = async (client: TestClient, path: string) => {
    const response = await client.get(path);
    assert.equal(response.status, 200, path);
    return response.text();
  };
  const send = async (client: TestClient, path: string, body: Record<string, string>) => {
    const response = await client.post(path, body);
    assert.equal(response.status, 303, await response.text());
    return (response.headers.get("location") ?? "").split("#")[0] ?? "";
  };

  it("moves the inbox version with every change to someone's conversations, blocks and mutes", async () => {
    const version = () => inboxVersion(ctx.deps.db, bob.accountId);
    const start = await version();
    const thread = await send(ana1, "/messages", { to: "bob", body: "first" });
    const afterMessage = await version();
    assert.ok(afterMessage > start, "a new conversation and its message");
    await text(bob1, thread);
    const afterRead = await version();
    assert.ok(afterRead > afterMessage, "read");
    await blockRow(ctx.deps, bob, sam, "mutes");
    const afterMute = await version();
    assert.ok(afterMute > afterRead, "a mute");
    await ctx.deps.db.deleteFrom("mutes").where("owner_id", "=", bob.accountId).execute();
    assert.ok((await version()) > afterMute, "an unmute");
    const unrelated = await version();
    await send(sam1, "/messages", { to: "ana", body: "not for bob" });
    assert.equal(await version(), unrelated, "someone else's conversation leaves it alone");
  });

  it("shows a new message, then its reading, on pages seen a moment before", async () => {
    const thread = await send(ana1, "/messages", { to: "bob", body: "kept hello" });
    assert.match(await text(bob1, "/messages"), /kept hello/);
    assert.match(await text(bob1, thread), /kept hello/);
    assert.match(await text(ana1, thread), /kept hello/);

    await send(bob1, thread, { body: "fresh reply" });
    const inbox = await text(ana1, "/messages");
    assert.match(inbox, /fresh reply/);
    assert.match(inbox, /class="conversation unread"/);
    assert.match(await text(ana1, thread), /fresh reply/);
    assert.doesNotMatch(await text(ana1, "/messages"), /class="conversation unread"/);
  });

  it("hides a request as soon as its sender is muted, and a left conversation at once", async () => {
    const thread = await send(sam1, "/messages", { to: "bob", body: "cold pitch" });
    assert.match(await text(bob1, "/messages/requests"), /cold pitch/);
    assert.match(await text(bob1, thread), /cold pitch/);
    await blockRow(ctx.deps, bob, sam, "mutes");
    assert.doesNotMatch(await text(bob1, "/messages/requests"), /cold pitch/);
    await ctx.deps.db
      .deleteFrom("conversation_members")
      .where("conversation_id", "=", thread.split("/").pop() ?? "")
      .where("account_id", "=", bob.accountId)
      .execute();
    assert.equal((await bob1.get(thread)).status, 404);
  });

  it("keeps each member's page their own, with their own form token", async () => {
    const thread = await send(ana1, "/messages", { to: "bob", body: "whose page" });
    const [anaPage, bobPage] = [await text(ana1, thread), await text(bob1, thread)];
    const token = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    assert.ok(token(anaPage) && token(bobPage));
    assert.notEqual(token(anaPage), token(bobPage));
    assert.match(anaPage, /class="message mine"/);
    assert.equal(token(await text(ana1, thread)), token(anaPage));
  });
});
