import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createContact } from "../../src/services/contacts/create.ts";
import { createContactInvite } from "../../src/services/contacts/invite.ts";
import type { Viewer } from "../../src/services/deps.ts";
import { block } from "../../src/services/moderation/block.ts";
import { TestClient } from "../helpers/client.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, signedInClient, type TestAccount, viewerFor } from "../helpers/factories.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe("making contact through a link: contact invitations and 'my code'", () => {
  let ctx: TestContext;
  let alice: TestAccount;
  let aliceViewer: Viewer;
  before(async () => {
    ctx = await createTestContext();
    alice = await createAccount(ctx.deps, { handle: "alice", displayName: "Alice Martin" });
    aliceViewer = await viewerFor(ctx.deps, alice);
  });
  after(() => ctx.close());

  /** A contact of Alice's with a meeting in her ledger, and the path of a fresh invitation for it. */
  async function invitation(name: string) {
    const { id } = await createContact(ctx.deps, aliceViewer, {
      name,
      metWhere: "Climbing gym",
      metOn: "2026-02-27",
      notes: `Private notes about ${name}`,
    });
    const { url } = await createContactInvite(ctx.deps, aliceViewer, id);
    return { contactId: id, path: new URL(url).pathname };
  }

  it("lets a new person sign up through the link, accept, and become the linked contact", async () => {
    const { contactId, path } = await invitation("Noémie");
    const visitor = new TestClient(ctx.app);
    const landing = await (await visitor.get(path)).text();
    assert.match(landing, /Join Liens and connect with Alice Martin/);
    assert.match(landing, /@alice/);
    assert.doesNotMatch(landing, /Noémie|Private notes|Climbing gym/);
    const next = encodeURIComponent(path);
    assert.match(landing, new RegExp(`href="/signup\\?next=${next}"`));
    assert.match(landing, new RegExp(`href="/signin\\?next=${next}"`));

    const signedUp = await visitor.post("/signup", {
      handle: "noemie",
      email: "noemie@example.test",
      password: "a long enough password",
      next: path,
    });
    assert.equal(signedUp.status, 303);
    assert.equal(signedUp.headers.get("location"), path);
    const offer = await (await visitor.get(path)).text();
    assert.match(offer, /Connect with Alice Martin\?/);
    assert.match(offer, /<button type="submit">Accept and connect with Alice Martin<\/button>/);
    assert.match(offer, /<button type="submit" class="secondary">Decline<\/button>/);

    const accepted = await visitor.post(`${path}/accept`, {});
    assert.equal(accepted.status, 200);
    assert.match(await accepted.text(), /You are now connected with Alice Martin/);

    const noemie = await ctx.deps.db
      .selectFrom("actors")
      .select("id")
      .where("handle", "=", "noemie")
      .executeTakeFirstOrThrow();
    const rows = await ctx.deps.db
      .selectFrom("connections")
      .select(["owner_id", "other_id"])
      .where((eb) => eb.or([eb("owner_id", "=", noemie.id), eb("other_id", "=", noemie.id)]))
      .execute();
    assert.equal(rows.length, 2);
    const contact = await ctx.deps.db
      .selectFrom("contacts")
      .selectAll()
      .where("id", "=", contactId)
      .executeTakeFirstOrThrow();
    assert.equal(contact.linked_actor_id, noemie.id);
    assert.equal(contact.notes, "Private notes about Noémie");
    const met = await ctx.deps.db
      .selectFrom("interactions")
      .selectAll()
      .where("other_contact_id", "=", contactId)
      .executeTakeFirstOrThrow();
    assert.equal(met.kind, "met_in_person");
    assert.equal(met.other_actor_id, noemie.id);

    const owner = await signedInClient(ctx, alice);
    const detail = await (await owner.get(`/contacts/${contactId}`)).text();
    assert.match(detail, /href="\/@noemie"/);
    assert.doesNotMatch(detail, /Create an invitation link/);

    const again = await visitor.post(`${path}/accept`, {});
    assert.equal(again.status, 410);
    assert.match(await again.text(), /This invitation was already used/);
  });

  it("offers an existing member to connect after signing in, and the link then stays used", async () => {
    const { contactId, path } = await invitation("Paul");
    const paul = await createAccount(ctx.deps, { handle: "paul" });
    const visitor = new TestClient(ctx.app);
    const signedIn = await visitor.post("/signin", { login: "paul", password: paul.password, next: path });
    assert.equal(signedIn.headers.get("location"), path);
    assert.match(await (await visitor.get(path)).text(), /Accept and connect with Alice Martin/);
    assert.equal((await visitor.post(`${path}/accept`, {})).status, 200);
    const contact = await ctx.deps.db
      .selectFrom("contacts")
      .select("linked_actor_id")
      .where("id", "=", contactId)
      .executeTakeFirstOrThrow();
    assert.equal(contact.linked_actor_id, paul.accountId);

    const other = await signedInClient(ctx, await createAccount(ctx.deps, { handle: "quentin" }));
    const used = await other.get(path);
    assert.equal(used.status, 410);
    assert.match(await used.text(), /works only once/);
  });

  it("says plainly when a link expired, in the reader's language", async () => {
    const { path } = await invitation("Rémi");
    ctx.clock.advance(15 * DAY);
    const visitor = new TestClient(ctx.app, { "accept-language": "fr" });
    const response = await visitor.get(path);
    assert.equal(response.status, 410);
    assert.match(await response.text(), /Cette invitation a expiré/);
  });

  it("answers 'not found' to a guessed token", async () => {
    const visitor = new TestClient(ctx.app);
    assert.equal((await visitor.get(`/invite/${"A".repeat(43)}`)).status, 404);
    const member = await signedInClient(ctx, await createAccount(ctx.deps, { handle: "guesser" }));
    assert.equal((await member.post(`/invite/${"A".repeat(43)}/accept`, {})).status, 404);
  });

  it("tells the owner the link is for someone else, and refuses a blocked person", async () => {
    const { path } = await invitation("Sacha");
    const owner = await signedInClient(ctx, alice);
    assert.match(await (await owner.get(path)).text(), /This is your invitation for Sacha/);
    assert.equal((await owner.post(`${path}/accept`, {})).status, 422);

    const troll = await createAccount(ctx.deps, { handle: "troll" });
    await block(ctx.deps, aliceViewer, troll.accountId);
    const client = await signedInClient(ctx, troll);
    const page = await (await client.get(path)).text();
    assert.match(page, /You cannot connect with this person/);
    assert.doesNotMatch(page, /Accept and connect/);
    const refused = await client.post(`${path}/accept`, {});
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /You cannot connect with this person/);
  });

  it("closes the link when declined, without connecting", async () => {
    const { path } = await invitation("Tom");
    const tom = await signedInClient(ctx, await createAccount(ctx.deps, { handle: "tom" }));
    const declined = await tom.post(`${path}/decline`, {});
    assert.match(await declined.text(), /no connection was made with Alice Martin/);
    assert.equal((await tom.get(path)).status, 410);
  });

  it("shows 'my code' as a QR code of a 15-minute link, usable by several people", async () => {
    const owner = await signedInClient(ctx, alice);
    const page = await (await owner.get("/network/code")).text();
    assert.match(page, /<svg role="img" aria-label="QR code to connect with Alice Martin"/);
    assert.match(page, /href="\/network\/code" class="button">New code</);
    const url = /<code class="secret">(http:\/\/localhost:3000\/connect\/[A-Za-z0-9_-]{43})<\/code>/.exec(
      page,
    )?.[1];
    assert.ok(url);
    const path = new URL(url).pathname;
    assert.match(await (await owner.get(path)).text(), /This is your own code/);

    const late = await createAccount(ctx.deps, { handle: "late_owl" });
    const owl = await signedInClient(ctx, late);
    await owl.post("/settings/preferences", { locale: "en", timeZone: "Asia/Tokyo" });
    ctx.clock.set("2026-03-20T20:00:00.000Z");
    const fresh = await (await owner.get("/network/code")).text();
    const freshPath = new URL(/<code class="secret">([^<]+)<\/code>/.exec(fresh)?.[1] ?? "").pathname;
    const form = await (await owl.get(freshPath)).text();
    assert.match(form, /<label for="field-metOn">Met in person on<\/label>/);
    assert.match(form, /name="metOn" type="date" value="2026-03-21"/, "today in Tokyo");
    assert.match(form, /Ask Alice Martin to connect/);

    const sent = await owl.post(freshPath, {
      metOn: "2026-03-21",
      metWhere: "",
      note: "The owl at the party",
    });
    assert.equal(sent.status, 303);
    assert.equal(sent.headers.get("location"), "/@alice?notice=requested");
    assert.match(await (await owl.get("/@alice?notice=requested")).text(), /Your request is sent/);
    const request = await ctx.deps.db
      .selectFrom("connection_requests")
      .selectAll()
      .where("sender_id", "=", late.accountId)
      .executeTakeFirstOrThrow();
    assert.equal(request.source, "qr");
    assert.equal(request.met_on, "2026-03-21");
    assert.equal(request.note, "The owl at the party");
    assert.equal(request.recipient_id, alice.accountId);

    const second = await signedInClient(ctx, await createAccount(ctx.deps, { handle: "second" }));
    assert.equal((await second.post(freshPath, { metOn: "2026-03-20" })).status, 303);

    const typo = await (await signedInClient(ctx, await createAccount(ctx.deps, { handle: "typo" }))).post(
      freshPath,
      { metOn: "soon", note: "Keep me" },
    );
    assert.equal(typo.status, 422);
    const typoPage = await typo.text();
    assert.match(typoPage, /Enter a date as YYYY-MM-DD/);
    assert.match(typoPage, /Keep me/);

    ctx.clock.advance(15 * MINUTE);
    const expired = await second.get(freshPath);
    assert.equal(expired.status, 410);
    assert.match(await expired.text(), /This code has expired/);
    assert.equal((await second.post(freshPath, { metOn: "2026-03-20" })).status, 410);
  });

  it("asks visitors to join or sign in before connecting through a code", async () => {
    const owner = await signedInClient(ctx, alice);
    const page = await (await owner.get("/network/code")).text();
    const path = new URL(/<code class="secret">([^<]+)<\/code>/.exec(page)?.[1] ?? "").pathname;
    const visitor = new TestClient(ctx.app);
    const landing = await (await visitor.get(path)).text();
    assert.match(landing, new RegExp(`href="/signup\\?next=${encodeURIComponent(path)}"`));
    assert.doesNotMatch(landing, /name="metOn"/);
    assert.equal((await visitor.get("/connect/unknown-token")).status, 404);
    assert.equal((await visitor.get("/network/code")).status, 303);
  });
});
