import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, signedInClient, type TestAccount } from "../helpers/factories.ts";

describe("contacts pages: a private address book over HTTP", () => {
  let ctx: TestContext;
  let alice: TestAccount;
  let owner: TestClient;
  let stranger: TestClient;
  let contactId: string;
  before(async () => {
    ctx = await createTestContext();
    alice = await createAccount(ctx.deps, { handle: "alice", displayName: "Alice" });
    owner = await signedInClient(ctx, alice);
    stranger = await signedInClient(ctx, await createAccount(ctx.deps, { handle: "bob" }));
  });
  after(() => ctx.close());

  it("adds a contact from the form and shows it to its owner", async () => {
    const form = await (await owner.get("/contacts/new")).text();
    assert.match(form, /<label for="field-name">Name<\/label>/);
    assert.match(form, /<label for="field-metOn">When you met<\/label>/);
    const created = await owner.post("/contacts/new", {
      name: "Chloé",
      metWhere: "Rust meetup",
      metOn: "2026-02-20",
      notes: "Compilers & coffee",
      tags: "rust, lyon",
      side: "professional",
    });
    assert.equal(created.status, 303);
    const location = created.headers.get("location") ?? "";
    assert.match(location, /^\/contacts\/[0-9a-f-]+\?notice=created$/);
    contactId = location.split("/")[2]?.split("?")[0] ?? "";
    const page = await (await owner.get(location)).text();
    assert.match(page, /The contact is added/);
    assert.match(page, /Rust meetup/);
    assert.match(page, /February 20, 2026/);
    assert.match(page, /Compilers &amp; coffee/);
    assert.match(page, /Create an invitation link/);
    const list = await (await owner.get("/contacts?q=RUST")).text();
    assert.match(list, /Chloé/);
  });

  it("keeps what was typed and says what is wrong beside each field", async () => {
    const response = await owner.post("/contacts/new", {
      name: "",
      notes: "Remember this text",
      email: "nope",
      metOn: "yesterday",
    });
    assert.equal(response.status, 422);
    const page = await response.text();
    assert.match(page, /This field is required/);
    assert.match(page, /Enter a valid email address/);
    assert.match(page, /Enter a date as YYYY-MM-DD/);
    assert.match(page, /Remember this text/);
    assert.match(page, /value="nope"/);
  });

  it("edits and deletes after confirmation", async () => {
    const edit = await (await owner.get(`/contacts/${contactId}/edit`)).text();
    assert.match(edit, /value="rust, lyon"/);
    const saved = await owner.post(`/contacts/${contactId}/edit`, { name: "Chloé M.", tags: "rust" });
    assert.equal(saved.headers.get("location"), `/contacts/${contactId}?notice=saved`);
    const bad = await owner.post(`/contacts/${contactId}/edit`, { name: "", notes: "kept" });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /kept/);

    const { id } = await ctx.deps.db
      .insertInto("contacts")
      .values({
        id: ctx.deps.newId(),
        owner_id: alice.accountId,
        name: "To delete",
        met_on: null,
        linked_actor_id: null,
        source_key: null,
        created_at: "2026-03-01T00:00:00.000Z",
        updated_at: "2026-03-01T00:00:00.000Z",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const confirm = await (await owner.get(`/contacts/${id}/delete`)).text();
    assert.match(confirm, /<button type="submit" class="danger">Delete To delete for good<\/button>/);
    const deleted = await owner.post(`/contacts/${id}/delete`, {});
    assert.equal(deleted.headers.get("location"), "/contacts?notice=deleted");
    assert.equal((await owner.get(`/contacts/${id}`)).status, 404);
  });

  it("answers 'not found' to every other member, on every contact URL, even replayed forms", async () => {
    for (const path of ["", "/edit", "/delete"]) {
      assert.equal((await stranger.get(`/contacts/${contactId}${path}`)).status, 404, path);
    }
    for (const [path, fields] of [
      ["/edit", { name: "Taken over" }],
      ["/edit", { name: "" }],
      ["/delete", {}],
      ["/invite", {}],
    ] as const) {
      assert.equal((await stranger.post(`/contacts/${contactId}${path}`, fields)).status, 404, path);
    }
    const theirList = await (await stranger.get("/contacts?q=chlo")).text();
    assert.doesNotMatch(theirList, /Chloé/);
    assert.match(theirList, /No contact matches/);
    assert.equal((await owner.get(`/contacts/${contactId}`)).status, 200);
    assert.match(await (await owner.get(`/contacts/${contactId}`)).text(), /Chloé M\./);
  });

  it("sends visitors to sign in, the same way for any contact id", async () => {
    const visitor = new TestClient(ctx.app);
    for (const path of [
      "/contacts",
      `/contacts/${contactId}`,
      "/contacts/00000000-0000-7000-8000-000000000000",
    ]) {
      const response = await visitor.get(path);
      assert.equal(response.status, 303);
      assert.equal(response.headers.get("location"), `/signin?next=${encodeURIComponent(path)}`);
    }
    const post = await visitor.post(`/contacts/${contactId}/delete`, {});
    assert.equal(post.status, 303);
    assert.equal((await owner.get(`/contacts/${contactId}`)).status, 200);
  });

  it("creates an invitation link shown once, with its QR code, and then only its status", async () => {
    const response = await owner.post(`/contacts/${contactId}/invite`, {});
    assert.equal(response.status, 200);
    const page = await response.text();
    const url = /<code class="secret">(http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43})<\/code>/.exec(
      page,
    )?.[1];
    assert.ok(url, "the link is shown");
    assert.match(
      page,
      /<svg role="img" aria-label="QR code of the invitation link for Chloé M\." width="240"/,
    );
    assert.match(page, /<path[^>]+d="M/);
    const later = await (await owner.get(`/contacts/${contactId}`)).text();
    assert.doesNotMatch(later, new RegExp(url.split("/invite/")[1] ?? "none"));
    assert.match(later, /Waiting for an answer until Mar 16, 2026/);
    assert.match(later, /Create a new invitation link/);
  });

  it("speaks French too", async () => {
    const french = await signedInClient(ctx, alice, { "accept-language": "fr" });
    const page = await (await french.get("/contacts")).text();
    assert.match(page, /Contacts hors ligne/);
    assert.match(page, /Ajouter un contact/);
  });
});
