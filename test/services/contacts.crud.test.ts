import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Invalid, NotFound } from "../../src/domain/errors.ts";
import { createContact } from "../../src/services/contacts/create.ts";
import { deleteContact } from "../../src/services/contacts/delete.ts";
import { CONTACTS_PAGE_SIZE, listContacts } from "../../src/services/contacts/list.ts";
import { readContact } from "../../src/services/contacts/read.ts";
import { updateContact } from "../../src/services/contacts/update.ts";
import type { Viewer } from "../../src/services/deps.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, viewerFor } from "../helpers/factories.ts";

describe("offline contacts: add, read, edit, search, delete — for their owner only", () => {
  let ctx: TestContext;
  let alice: Viewer;
  let bob: Viewer;
  before(async () => {
    ctx = await createTestContext();
    alice = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "alice" }));
    bob = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "bob" }));
  });
  after(() => ctx.close());

  const factsAbout = (contactId: string) =>
    ctx.deps.db.selectFrom("interactions").selectAll().where("other_contact_id", "=", contactId).execute();

  it("stores every field and writes one 'met in person' fact at noon UTC of the meeting day", async () => {
    const { id } = await createContact(ctx.deps, alice, {
      name: "  Chloé Martin ",
      metWhere: "Rust meetup, Lyon",
      metOn: "2026-02-20",
      howMet: "Sat next to each other",
      notes: "Works on compilers",
      tags: "rust, #lyon, Rust",
      side: "professional",
      email: "Chloe@Example.org",
      phone: "+33 6 12 34 56 78",
      links: "Blog https://chloe.example/\nhttps://code.example/chloe",
    });
    const contact = await readContact(ctx.deps, alice, id);
    assert.equal(contact.name, "Chloé Martin");
    assert.deepEqual(contact.tags, ["rust", "lyon"]);
    assert.equal(contact.email, "chloe@example.org");
    assert.equal(contact.side, "professional");
    assert.deepEqual(contact.links, [
      { label: "Blog", url: "https://chloe.example/" },
      { label: "code.example", url: "https://code.example/chloe" },
    ]);
    assert.equal(contact.linkedMember, null);
    const facts = await factsAbout(id);
    assert.equal(facts.length, 1);
    assert.equal(facts[0]?.owner_id, alice.accountId);
    assert.equal(facts[0]?.kind, "met_in_person");
    assert.equal(facts[0]?.channel, "in_person");
    assert.equal(facts[0]?.initiator, "owner");
    assert.equal(facts[0]?.occurred_at, "2026-02-20T12:00:00.000Z");
    assert.equal(facts[0]?.source_type, "contact");
    assert.equal(facts[0]?.source_id, id);
  });

  it("dates the fact now when only the place is known, and writes none without a meeting", async () => {
    const placeOnly = await createContact(ctx.deps, alice, { name: "Dan", metWhere: "A wedding" });
    assert.equal((await factsAbout(placeOnly.id))[0]?.occurred_at, ctx.clock.now().toISOString());
    const bare = await createContact(ctx.deps, alice, { name: "Eve" });
    assert.equal((await factsAbout(bare.id)).length, 0);
  });

  it("refuses bad input field by field", async () => {
    await assert.rejects(
      createContact(ctx.deps, alice, {
        name: " ",
        metOn: "20/02/2026",
        email: "not-an-email",
        phone: "call me",
        links: "my site",
        side: "secret",
      }),
      (error: unknown) => {
        assert.ok(error instanceof Invalid);
        assert.equal(error.fields.name?.key, "error.required");
        assert.equal(error.fields.metOn?.key, "error.date");
        assert.equal(error.fields.email?.key, "error.email");
        assert.equal(error.fields.phone?.key, "error.contact.phone");
        assert.equal(error.fields.links?.key, "error.link");
        assert.equal(error.fields.side?.key, "error.invalid");
        return true;
      },
    );
  });

  it("edits a contact; another member cannot read, edit or delete it, even with bad input", async () => {
    const { id } = await createContact(ctx.deps, alice, { name: "Farid", notes: "old" });
    ctx.clock.advance(60_000);
    await updateContact(ctx.deps, alice, id, { name: "Farid B.", notes: "new", tags: "chess" });
    const contact = await readContact(ctx.deps, alice, id);
    assert.equal(contact.name, "Farid B.");
    assert.equal(contact.notes, "new");
    assert.notEqual(contact.updatedAt, contact.createdAt);
    await assert.rejects(readContact(ctx.deps, bob, id), NotFound);
    await assert.rejects(updateContact(ctx.deps, bob, id, { name: "" }), NotFound);
    await assert.rejects(updateContact(ctx.deps, bob, id, { name: "Mine now" }), NotFound);
    await assert.rejects(deleteContact(ctx.deps, bob, id), NotFound);
    assert.equal((await readContact(ctx.deps, alice, id)).name, "Farid B.");
  });

  it("searches by name or tag, any case, with typed wildcards taken literally", async () => {
    await createContact(ctx.deps, alice, { name: "Gaëlle", tags: "climbing" });
    await createContact(ctx.deps, alice, { name: "100% Hugo" });
    const names = async (search: string) =>
      (await listContacts(ctx.deps, alice, { search })).contacts.map((c) => c.name);
    assert.deepEqual(await names("farid"), ["Farid B."]);
    assert.deepEqual(await names("CLIMB"), ["Gaëlle"]);
    assert.deepEqual(await names("100%"), ["100% Hugo"]);
    assert.deepEqual(await names("%"), ["100% Hugo"]);
    assert.deepEqual((await listContacts(ctx.deps, bob, { search: "farid" })).contacts, []);
    assert.deepEqual((await listContacts(ctx.deps, bob)).contacts, []);
  });

  it("pages through a long address book by name without repeating or skipping anyone", async () => {
    const carol = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "carol" }));
    const total = CONTACTS_PAGE_SIZE + 5;
    for (let i = 0; i < total; i++) {
      await createContact(ctx.deps, carol, { name: `Person ${String(i % 7).padStart(2, "0")}` });
    }
    const first = await listContacts(ctx.deps, carol);
    assert.equal(first.contacts.length, CONTACTS_PAGE_SIZE);
    assert.ok(first.nextAfter);
    const second = await listContacts(ctx.deps, carol, { after: first.nextAfter ?? "" });
    assert.equal(second.contacts.length, 5);
    assert.equal(second.nextAfter, null);
    const ids = [...first.contacts, ...second.contacts].map((c) => c.id);
    assert.equal(new Set(ids).size, total);
    const sorted = [...first.contacts, ...second.contacts].map((c) => c.name);
    assert.deepEqual(sorted, [...sorted].sort());
  });

  it("deletes a contact with its ledger facts and invitations", async () => {
    const { id } = await createContact(ctx.deps, alice, { name: "Ines", metOn: "2026-01-10" });
    await ctx.deps.db
      .insertInto("contact_invites")
      .values({
        id: ctx.deps.newId(),
        contact_id: id,
        owner_id: alice.accountId,
        token_hash: "x",
        created_at: ctx.clock.now().toISOString(),
        expires_at: ctx.clock.now().toISOString(),
        used_at: null,
        used_by: null,
      })
      .execute();
    await deleteContact(ctx.deps, alice, id);
    await assert.rejects(readContact(ctx.deps, alice, id), NotFound);
    assert.equal((await factsAbout(id)).length, 0);
    const invites = await ctx.deps.db
      .selectFrom("contact_invites")
      .selectAll()
      .where("contact_id", "=", id)
      .execute();
    assert.equal(invites.length, 0);
  });
});
