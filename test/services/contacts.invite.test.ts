import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Forbidden, Invalid, NotFound } from "../../src/domain/errors.ts";
import { establishConnection } from "../../src/services/connections/establish.ts";
import { NO_HOW_WE_MET } from "../../src/services/connections/how-we-met.ts";
import { createContact } from "../../src/services/contacts/create.ts";
import { createContactInvite, findContactInvite } from "../../src/services/contacts/invite.ts";
import { acceptContactInvite, declineContactInvite } from "../../src/services/contacts/invite-answer.ts";
import { readContact } from "../../src/services/contacts/read.ts";
import type { Viewer } from "../../src/services/deps.ts";
import { block } from "../../src/services/moderation/block.ts";
import { hashToken } from "../../src/services/security/tokens.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, viewerFor } from "../helpers/factories.ts";

const DAY = 24 * 3600 * 1000;
const tokenOf = (url: string) => url.split("/invite/")[1] ?? "";

describe("contact invitations: single use, expiring, linking the contact with its history", () => {
  let ctx: TestContext;
  let alice: Viewer;
  const member = async (handle: string) =>
    viewerFor(ctx.deps, await createAccount(ctx.deps, { handle, displayName: handle.toUpperCase() }));
  before(async () => {
    ctx = await createTestContext();
    alice = await member("alice");
  });
  after(() => ctx.close());

  it("stores the 256-bit token hashed and shows the holder only the owner's public name", async () => {
    const { id } = await createContact(ctx.deps, alice, {
      name: "Zoé",
      notes: "secret notes",
      metWhere: "Bar",
    });
    const { url, expiresAt } = await createContactInvite(ctx.deps, alice, id);
    const token = tokenOf(url);
    assert.ok(url.startsWith("http://localhost:3000/invite/"));
    assert.ok(token.length >= 43);
    assert.equal(expiresAt, new Date(ctx.clock.now().getTime() + 14 * DAY).toISOString());
    const row = await ctx.deps.db.selectFrom("contact_invites").selectAll().executeTakeFirstOrThrow();
    assert.equal(row.token_hash, hashToken(token));
    const view = await findContactInvite(ctx.deps, null, token);
    assert.equal(view.state, "open");
    assert.ok(view.state === "open");
    assert.deepEqual(view.owner, { id: alice.accountId, handle: "alice", displayName: "ALICE" });
    assert.equal(view.contactName, null);
    assert.doesNotMatch(JSON.stringify(view), /secret notes|Bar|Zoé/);
    await assert.rejects(findContactInvite(ctx.deps, null, `${token}x`), NotFound);
  });

  it("connects, links the contact and moves its ledger facts, once", async () => {
    const { id } = await createContact(ctx.deps, alice, {
      name: "Yann",
      notes: "likes jazz",
      metWhere: "Jazz club",
      metOn: "2026-02-14",
    });
    const { url } = await createContactInvite(ctx.deps, alice, id);
    const yann = await member("yann");
    const answer = await acceptContactInvite(ctx.deps, yann, tokenOf(url));
    assert.deepEqual(answer, { state: "accepted", owner: { handle: "alice", displayName: "ALICE" } });

    const connections = await ctx.deps.db
      .selectFrom("connections")
      .selectAll()
      .where((eb) => eb.or([eb("owner_id", "=", yann.accountId), eb("other_id", "=", yann.accountId)]))
      .execute();
    assert.equal(connections.length, 2);
    const alicesSide = connections.find((c) => c.owner_id === alice.accountId);
    assert.equal(alicesSide?.met_where, "Jazz club");
    assert.equal(alicesSide?.met_on, "2026-02-14");
    assert.equal(connections.find((c) => c.owner_id === yann.accountId)?.met_where, "");

    const contact = await readContact(ctx.deps, alice, id);
    assert.equal(contact.notes, "likes jazz");
    assert.deepEqual(contact.linkedMember, { handle: "yann", displayName: "YANN" });
    assert.equal(contact.invitation?.state, "accepted");
    const met = await ctx.deps.db
      .selectFrom("interactions")
      .selectAll()
      .where("owner_id", "=", alice.accountId)
      .where("other_contact_id", "=", id)
      .executeTakeFirstOrThrow();
    assert.equal(met.other_actor_id, yann.accountId);
    assert.equal(met.other_key, yann.accountId);
    const notice = await ctx.deps.db
      .selectFrom("notifications")
      .selectAll()
      .where("recipient_id", "=", alice.accountId)
      .executeTakeFirstOrThrow();
    assert.equal(notice.kind, "contact_joined");
    assert.equal(notice.actor_id, yann.accountId);

    const late = await member("late");
    assert.deepEqual(await acceptContactInvite(ctx.deps, late, tokenOf(url)), { state: "used" });
    assert.deepEqual(await findContactInvite(ctx.deps, late, tokenOf(url)), { state: "used" });
    await assert.rejects(createContactInvite(ctx.deps, alice, id), Invalid);
  });

  it("expires after 14 days", async () => {
    const { id } = await createContact(ctx.deps, alice, { name: "Xavier" });
    const { url } = await createContactInvite(ctx.deps, alice, id);
    ctx.clock.advance(14 * DAY + 1000);
    const xavier = await member("xavier");
    assert.deepEqual(await acceptContactInvite(ctx.deps, xavier, tokenOf(url)), { state: "expired" });
    assert.equal((await readContact(ctx.deps, alice, id)).invitation?.state, "expired");
  });

  it("keeps only the newest link of a contact usable", async () => {
    const { id } = await createContact(ctx.deps, alice, { name: "Wanda" });
    const first = await createContactInvite(ctx.deps, alice, id);
    const second = await createContactInvite(ctx.deps, alice, id);
    assert.deepEqual(await findContactInvite(ctx.deps, null, tokenOf(first.url)), { state: "expired" });
    assert.equal((await findContactInvite(ctx.deps, null, tokenOf(second.url))).state, "open");
  });

  it("refuses the owner and blocked people; an existing connection just links the contact", async () => {
    const { id } = await createContact(ctx.deps, alice, { name: "Victor", metWhere: "Gym" });
    const { url } = await createContactInvite(ctx.deps, alice, id);
    await assert.rejects(acceptContactInvite(ctx.deps, alice, tokenOf(url)), Invalid);

    const mallory = await member("mallory");
    await block(ctx.deps, alice, mallory.accountId);
    await assert.rejects(acceptContactInvite(ctx.deps, mallory, tokenOf(url)), Forbidden);
    assert.equal((await findContactInvite(ctx.deps, mallory, tokenOf(url))).state, "open");

    const victor = await member("victor");
    await ctx.deps.db.transaction().execute((tx) =>
      establishConnection(
        { ...ctx.deps, db: tx },
        {
          initiatorId: victor.accountId,
          otherId: alice.accountId,
          requestId: null,
          initiatorHowWeMet: NO_HOW_WE_MET,
        },
      ),
    );
    const view = await findContactInvite(ctx.deps, victor, tokenOf(url));
    assert.ok(view.state === "open" && view.viewerIs === "connected");
    const before = await ctx.deps.db.selectFrom("notifications").selectAll().execute();
    assert.equal((await acceptContactInvite(ctx.deps, victor, tokenOf(url))).state, "accepted");
    assert.equal((await readContact(ctx.deps, alice, id)).linkedMember?.handle, "victor");
    assert.equal((await ctx.deps.db.selectFrom("notifications").selectAll().execute()).length, before.length);
  });

  it("declining closes the link without connecting or linking", async () => {
    const { id } = await createContact(ctx.deps, alice, { name: "Ursula" });
    const { url } = await createContactInvite(ctx.deps, alice, id);
    const ursula = await member("ursula");
    assert.equal((await declineContactInvite(ctx.deps, ursula, tokenOf(url))).state, "declined");
    const contact = await readContact(ctx.deps, alice, id);
    assert.equal(contact.linkedMember, null);
    assert.equal(contact.invitation?.state, "closed");
    assert.deepEqual(await acceptContactInvite(ctx.deps, ursula, tokenOf(url)), { state: "used" });
  });

  it("never lets another member create an invitation for someone else's contact", async () => {
    const { id } = await createContact(ctx.deps, alice, { name: "Theo" });
    const bob = await member("bob");
    await assert.rejects(createContactInvite(ctx.deps, bob, id), NotFound);
  });
});
