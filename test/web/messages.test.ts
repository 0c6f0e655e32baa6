import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestClient } from "../helpers/client.ts";
import { TestClient as Client } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { signedInClient } from "../helpers/factories.ts";
import { blockRow, connect, type Person, person } from "../services/messages.fixtures.ts";

describe("direct messages over HTTP", () => {
  let ctx: TestContext;
  let ana: Person;
  let bob: Person;
  let sam: Person;
  let anaClient: TestClient;
  let bobClient: TestClient;
  let samClient: TestClient;
  before(async () => {
    ctx = await createTestContext();
    ana = await person(ctx.deps, "ana", "Ana Lima");
    bob = await person(ctx.deps, "bob", "Bob Stone");
    sam = await person(ctx.deps, "sam", "Sam Stranger");
    await connect(ctx.deps, ana, bob, { metWhere: "Rust meetup in Lyon", metThrough: "Chloé" });
    anaClient = await signedInClient(ctx, ana, { "accept-language": "en" });
    bobClient = await signedInClient(ctx, bob, { "accept-language": "en" });
    samClient = await signedInClient(ctx, sam, { "accept-language": "en" });
  });
  after(() => ctx.close());

  async function send(client: TestClient, fields: Record<string, string>): Promise<string> {
    const response = await client.post("/messages", fields);
    assert.equal(response.status, 303, await response.text());
    const location = response.headers.get("location") ?? "";
    assert.match(location, /^\/messages\/[\w-]+#m-[\w-]+$/);
    return location.split("#")[0] ?? "";
  }

  it("asks visitors to sign in", async () => {
    const response = await new Client(ctx.app).get("/messages");
    assert.equal(response.status, 303);
    assert.match(response.headers.get("location") ?? "", /^\/signin\?next=%2Fmessages/);
  });

  it("shows how we met above an empty form when welcoming a new connection, and not once welcomed", async () => {
    const page = await (await anaClient.get("/messages/new?to=bob")).text();
    assert.match(page, /Welcome Bob Stone/);
    assert.match(page, /Rust meetup in Lyon/);
    assert.match(page, /Chloé/);
    assert.match(page, /<label for="field-to">To<\/label>/);
    assert.match(page, /<label for="field-body">Message<\/label>/);
    assert.match(page, /<textarea[^>]*name="body"[^>]*><\/textarea>/, "never a canned text");
    assert.match(page, /<input[^>]*name="to"[^>]*value="bob"/);
    await send(anaClient, { to: "bob", body: "Great to meet you at the meetup!" });
    assert.doesNotMatch(await (await anaClient.get("/messages/new?to=bob")).text(), /Welcome Bob Stone/);
    assert.match(await (await bobClient.get("/messages/new?to=ana")).text(), /Welcome Ana Lima/);
  });

  it("escapes message text and links only http(s) addresses, safely", async () => {
    const thread = await send(anaClient, {
      to: "@bob",
      body: "<script>alert(1)</script> see https://example.org/page. or javascript:alert(2)\n\nbye",
    });
    const page = await (await bobClient.get(thread)).text();
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(page, /<script>alert/);
    assert.match(
      page,
      /<a href="https:\/\/example.org\/page" rel="nofollow ugc noopener">https:\/\/example.org\/page<\/a>\./,
    );
    assert.doesNotMatch(page, /href="javascript/i);
    assert.match(page, /<p>bye<\/p>/);
  });

  it("keeps what was typed and explains the problem beside the field, in the user's language", async () => {
    const french = await signedInClient(ctx, ana, { "accept-language": "fr" });
    const unknown = await french.post("/messages", { to: "nobody_here", body: "Bonjour <b>toi</b>" });
    assert.equal(unknown.status, 422);
    const page = await unknown.text();
    assert.match(page, /Personne ici n’a l’identifiant @nobody_here/);
    assert.match(page, /Bonjour &lt;b&gt;toi&lt;\/b&gt;<\/textarea>/);

    await blockRow(ctx.deps, sam, ana);
    const blocked = await anaClient.post("/messages", { to: "sam", body: "hello?" });
    assert.equal(blocked.status, 422);
    const blockedPage = await blocked.text();
    assert.match(blockedPage, /You cannot send messages to @sam\./);
    assert.match(blockedPage, /id="field-to-error"/);
    assert.match(blockedPage, />hello\?<\/textarea>/);
    const back = await samClient.post("/messages", { to: "ana", body: "hi" });
    assert.match(await back.text(), /You cannot send messages to @ana\./);
    await ctx.deps.db.deleteFrom("blocks").where("owner_id", "=", sam.accountId).execute();
  });

  it("puts a stranger's message in requests, with accept, decline and decline-and-block", async () => {
    const thread = await send(samClient, { to: "bob", body: "Hello Bob, loved your talk" });
    const inbox = await (await bobClient.get("/messages")).text();
    assert.match(inbox, /Message requests \(1\)/);
    assert.doesNotMatch(inbox, /loved your talk/);
    const requests = await (await bobClient.get("/messages/requests")).text();
    assert.match(requests, /loved your talk/);
    assert.match(requests, new RegExp(`href="${thread}"`));

    const page = await (await bobClient.get(thread)).text();
    assert.match(page, /will not know you have seen this until you answer/);
    assert.match(page, /<button type="submit">Accept the request<\/button>/);
    assert.match(page, />Decline<\/button>/);
    assert.match(page, />Decline and block @sam<\/button>/);

    const accepted = await bobClient.post(`${thread}/accept`, {});
    assert.equal(accepted.headers.get("location"), `${thread}?notice=accepted`);
    assert.match(await (await bobClient.get("/messages")).text(), /loved your talk/);
  });

  it("declines and blocks from the request page", async () => {
    const pat = await person(ctx.deps, "pat", "Pat Pushy");
    const patClient = await signedInClient(ctx, pat);
    const thread = await send(patClient, { to: "bob", body: "Buy now" });
    const response = await bobClient.post(`${thread}/decline-and-block`, {});
    assert.equal(response.headers.get("location"), "/messages/requests?notice=blocked");
    assert.match(await (await bobClient.get("/messages/requests?notice=blocked")).text(), /sender blocked/);
    assert.equal((await bobClient.get(thread)).status, 404);
    const again = await patClient.post("/messages", { to: "bob", body: "Hello?" });
    assert.match(await again.text(), /You cannot send messages to @bob\./);
  });

  it("answers not found to anyone outside the conversation, even with a replayed form", async () => {
    const thread = await send(anaClient, { to: "bob", body: "just us" });
    assert.equal((await samClient.get(thread)).status, 404);
    assert.equal((await samClient.post(thread, { body: "let me in" })).status, 404);
    assert.equal((await samClient.post(thread, { body: "" })).status, 404);
    assert.equal((await samClient.post(`${thread}/accept`, {})).status, 404);
    assert.equal((await samClient.post(`${thread}/decline-and-block`, {})).status, 404);
    assert.equal((await samClient.get("/messages/00000000-0000-7000-8000-000000000000")).status, 404);
    const messages = await ctx.deps.db
      .selectFrom("messages")
      .select("body")
      .where("body", "=", "let me in")
      .execute();
    assert.equal(messages.length, 0);
  });

  it("replies in the thread, and re-renders the thread with the error for an empty reply", async () => {
    const thread = await send(anaClient, { to: "bob", body: "ping" });
    const empty = await bobClient.post(thread, { body: "   " });
    assert.equal(empty.status, 422);
    const page = await empty.text();
    assert.match(page, /Write a message\./);
    assert.match(page, /ping/);
    const reply = await bobClient.post(thread, { body: "pong" });
    assert.equal(reply.status, 303);
    assert.match(reply.headers.get("location") ?? "", new RegExp(`^${thread}#m-`));
    assert.match(await (await anaClient.get("/messages")).text(), /pong/);
  });
});
