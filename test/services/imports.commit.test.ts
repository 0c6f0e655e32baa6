import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Viewer } from "../../src/services/deps.ts";
import { cancelImport, commitReviewed } from "../../src/services/imports/decide.ts";
import { startImport } from "../../src/services/imports/start.ts";
import { readImportStatus, readReview } from "../../src/services/imports/view.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, type TestAccount, viewerFor } from "../helpers/factories.ts";
import { CONNECTIONS, counts, linkedInZip, makeZip, runJobs, VCARD } from "./imports.fixtures.ts";

describe("imports: staging, review and commit", () => {
  let ctx: TestContext;
  let alice: TestAccount;
  let viewer: Viewer;
  let brunoId: string;

  before(async () => {
    ctx = await createTestContext();
    alice = await createAccount(ctx.deps, { handle: "alice", displayName: "Alice" });
    viewer = await viewerFor(ctx.deps, alice);
    brunoId = (await createAccount(ctx.deps, { handle: "bruno", email: "bruno@example.org" })).accountId;
  });
  after(() => ctx.close());

  async function importFile(fileName: string, data: Uint8Array, decisions: Record<string, string> = {}) {
    const { id } = await startImport(ctx.deps, viewer, { fileName, data }, { locale: "en" });
    assert.equal((await readImportStatus(ctx.deps, viewer, id)).status, "parsing");
    await runJobs(ctx);
    const review = await readReview(ctx.deps, viewer, id);
    assert.equal(review.status.status, "review", JSON.stringify(review.status));
    await commitReviewed(ctx.deps, viewer, id, decisions);
    await runJobs(ctx);
    return { id, review, done: await readImportStatus(ctx.deps, viewer, id) };
  }

  it("stages a LinkedIn zip, proposes the member match, and commits contacts with dated facts", async () => {
    const { review, done } = await importFile("Basic_LinkedInDataExport.zip", linkedInZip());
    assert.equal(review.newCount, 2);
    assert.equal(review.matchCount, 1);
    assert.equal(review.matches[0]?.member?.handle, "bruno");
    assert.equal(review.matches[0]?.reason, "email");
    assert.deepEqual(review.status.summary.skipped, { deactivated_profile: 1 });
    assert.ok(review.status.summary.ignoredFiles?.includes("Profile.csv"));
    assert.equal(done.status, "done");
    assert.deepEqual(
      { ...done.summary.commit },
      { created: 2, matched: 1, merged: 0, unchanged: 0, factsAdded: 7 },
    );

    const amelie = await ctx.deps.db
      .selectFrom("contacts")
      .selectAll()
      .where("owner_id", "=", alice.accountId)
      .where("name", "=", "Amélie Poulain")
      .executeTakeFirstOrThrow();
    assert.match(amelie.how_met, /^LinkedIn connection since February 3, 2024\nInvitation: “Hi Amélie/);
    assert.equal(amelie.met_on, "2024-01-28");
    assert.equal(amelie.met_where, "LinkedIn");
    assert.equal(amelie.side, "professional");
    assert.match(amelie.notes, /Work: Serveuse · Café des 2 Moulins/);
    assert.deepEqual(JSON.parse(amelie.links), [
      { label: "LinkedIn", url: "https://www.linkedin.com/in/amelie-poulain-123" },
    ]);
    const facts = await ctx.deps.db
      .selectFrom("interactions")
      .select(["kind", "initiator", "day", "note", "source_type"])
      .where("owner_id", "=", alice.accountId)
      .where("other_contact_id", "=", amelie.id)
      .orderBy("day")
      .orderBy("kind")
      .execute();
    assert.deepEqual(
      facts.map((f) => [f.day, f.kind, f.initiator]),
      [
        ["2024-01-28", "connection_request", "owner"],
        ["2024-02-03", "connection_accepted", "other"],
        ["2024-02-05", "dm_day_both", "owner"],
        ["2024-02-07", "dm_day_one_way", "other"],
      ],
    );
    assert.equal(facts[0]?.note, "Hi Amélie, we met at the Paris meetup!");
    assert.ok(facts.every((f) => f.source_type === "import"));

    // Bruno is a member: his contact is linked, and his facts are on the member's tie.
    const bruno = await ctx.deps.db
      .selectFrom("contacts")
      .select(["linked_actor_id"])
      .where("owner_id", "=", alice.accountId)
      .where("name", "=", "Bruno Da Silva")
      .executeTakeFirstOrThrow();
    assert.equal(bruno.linked_actor_id, brunoId);
    const onMember = await ctx.deps.db
      .selectFrom("interactions")
      .select(["kind", "day"])
      .where("owner_id", "=", alice.accountId)
      .where("other_actor_id", "=", brunoId)
      .execute();
    assert.deepEqual(
      onMember.map((f) => [f.kind, f.day]),
      [["connection_accepted", "2019-03-15"]],
    );
    // The ties are recomputed from the imported history: strengths start above zero.
    const tie = await ctx.deps.db
      .selectFrom("ties")
      .select(["strength", "stage"])
      .where("owner_id", "=", alice.accountId)
      .where("other_key", "=", amelie.id)
      .executeTakeFirstOrThrow();
    assert.ok(tie.strength > 0, `strength ${tie.strength}`);
    // The staging area is emptied once committed.
    assert.equal((await counts(ctx, alice.accountId)).staged, 0);
  });

  it("re-importing the same file changes nothing", async () => {
    const before = await counts(ctx, alice.accountId);
    const contactsBefore = await ctx.deps.db
      .selectFrom("contacts")
      .selectAll()
      .where("owner_id", "=", alice.accountId)
      .orderBy("id")
      .execute();
    const { review, done } = await importFile("again.zip", linkedInZip());
    assert.equal(review.alreadyImported, 3);
    assert.equal(review.newCount, 0);
    assert.equal(review.mergeCount, 0);
    assert.deepEqual(
      { ...done.summary.commit },
      { created: 0, matched: 0, merged: 0, unchanged: 3, factsAdded: 0 },
    );
    assert.deepEqual(await counts(ctx, alice.accountId), before);
    const contactsAfter = await ctx.deps.db
      .selectFrom("contacts")
      .selectAll()
      .where("owner_id", "=", alice.accountId)
      .orderBy("id")
      .execute();
    assert.deepEqual(contactsAfter, contactsBefore);
  });

  it("proposes merges across sources; accepted ones join, rejected ones stay apart", async () => {
    const { id } = await startImport(ctx.deps, viewer, {
      fileName: "contacts.vcf",
      data: Buffer.from(VCARD),
    });
    await runJobs(ctx);
    const review = await readReview(ctx.deps, viewer, id);
    // Amélie's card has her LinkedIn URL: she is already a contact (from the first import).
    const amelie = review.matches.find((m) => m.person.name === "Amélie Poulain");
    assert.equal(amelie?.contact?.name, "Amélie Poulain");
    assert.equal(amelie?.reason, "url");
    // Chloé: no shared email or URL, only the same name and organisation — offered, not preselected.
    assert.equal(review.newCount, 2);
    await commitReviewed(ctx.deps, viewer, id, { [`match-${amelie?.person.id}`]: "yes" });
    await runJobs(ctx);
    const done = await readImportStatus(ctx.deps, viewer, id);
    assert.deepEqual(
      { ...done.summary.commit },
      { created: 2, matched: 0, merged: 1, unchanged: 0, factsAdded: 0 },
    );
    const sources = await ctx.deps.db
      .selectFrom("contact_sources as s")
      .innerJoin("contacts as c", "c.id", "s.contact_id")
      .select(["s.source", "s.source_key"])
      .where("c.name", "=", "Amélie Poulain")
      .orderBy("s.source")
      .execute();
    assert.deepEqual(
      sources.map((s) => s.source),
      ["linkedin", "vcard"],
    );
  });

  it("merges two records of one upload when the person says so", async () => {
    const owner = await createAccount(ctx.deps, { handle: "owner2" });
    const v2 = await viewerFor(ctx.deps, owner);
    const zip = makeZip([
      { name: "Connections.csv", data: CONNECTIONS },
      { name: "contacts.vcf", data: VCARD },
    ]);
    const { id } = await startImport(ctx.deps, v2, { fileName: "both.zip", data: zip });
    await runJobs(ctx);
    const review = await readReview(ctx.deps, v2, id);
    const byPair = new Map(review.merges.map((m) => [`${m.a.name}/${m.b.source}`, m]));
    const amelie = byPair.get("Amélie Poulain/vcard");
    const chloe = byPair.get("Chloé Martin/vcard");
    assert.equal(amelie?.reason, "url");
    assert.equal(amelie?.accepted, true);
    assert.equal(chloe?.reason, "name_org");
    assert.equal(chloe?.accepted, false);
    await commitReviewed(ctx.deps, v2, id, { [`merge-${chloe?.id}`]: "yes" });
    await runJobs(ctx);
    const names = await ctx.deps.db
      .selectFrom("contacts")
      .select(["name", "side", "email", "how_met", "tags"])
      .where("owner_id", "=", owner.accountId)
      .orderBy("name")
      .execute();
    assert.deepEqual(
      names.map((n) => n.name),
      ["Amélie Poulain", "Bruno Da Silva", "Chloé Martin", "Dmitri Ivanov"],
    );
    const merged = names[0];
    assert.equal(merged?.side, "both");
    assert.equal(merged?.email, "amelie@example.net");
    assert.deepEqual(JSON.parse(merged?.tags ?? "[]"), ["Paris", "Friends"]);
    assert.match(merged?.how_met ?? "", /LinkedIn connection since February 3, 2024/);
    assert.equal(names[2]?.email, "chloe@example.net");
  });

  it("another person's import answers not found, and a cancelled one leaves nothing", async () => {
    const { id } = await startImport(ctx.deps, viewer, { fileName: "c.vcf", data: Buffer.from(VCARD) });
    const mallory = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "mallory" }));
    await assert.rejects(readImportStatus(ctx.deps, mallory, id), { name: "NotFound" });
    await assert.rejects(commitReviewed(ctx.deps, mallory, id, {}), { name: "NotFound" });
    await assert.rejects(cancelImport(ctx.deps, mallory, id), { name: "NotFound" });
    await runJobs(ctx);
    await cancelImport(ctx.deps, viewer, id);
    await assert.rejects(readImportStatus(ctx.deps, viewer, id), { name: "NotFound" });
    assert.equal((await counts(ctx, alice.accountId)).staged, 0);
  });
});
