import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Viewer } from "../../src/services/deps.ts";
import { commitReviewed } from "../../src/services/imports/decide.ts";
import { type KeyedPerson, MergeProposer } from "../../src/services/imports/match.ts";
import { hashKey, PositionIndex } from "../../src/services/imports/position-index.ts";
import { startImport } from "../../src/services/imports/start.ts";
import { readImportStatus, readReview } from "../../src/services/imports/view.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, type TestAccount, viewerFor } from "../helpers/factories.ts";
import { makeZip, runJobs } from "./imports.fixtures.ts";

// Two LinkedIn profiles whose staged keys ("linkedin\0<key>") share a 32-bit hash, and two emails
// whose identity keys ("e:<email>") do: the compact indexes must tell them apart.
const URL_A = "https://www.linkedin.com/in/8zldkjr6";
const URL_B = "https://www.linkedin.com/in/8i6slzl7";
const EMAIL_A = "zo9s5mvp@x.example";
const EMAIL_B = "mfjto6hm@x.example";

const HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
const MESSAGES_HEADER =
  "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n";
const OWNER = "Owner Person,https://www.linkedin.com/in/owner-person";

/** A message from the owner to `to` ("Name,URL") on day `day` after 1 January 2020. */
function message(to: string, day: number): string {
  const at = new Date(Date.UTC(2020, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  return `c,,${OWNER},${to},${at} 10:00:00 UTC,,Hi,INBOX\n`;
}

describe("imports: the compact indexes of staging and review", () => {
  it("a position index finds every key across growth, and every position under a shared hash", () => {
    assert.equal(hashKey(`linkedin\u0000${URL_A.slice(12)}`), hashKey(`linkedin\u0000${URL_B.slice(12)}`));
    const index = new PositionIndex();
    for (let i = 0; i < 5000; i++) index.add(`key-${i}`, i);
    for (let i = 0; i < 5000; i += 97) assert.ok(index.candidates(`key-${i}`).includes(i));
    assert.deepEqual(index.candidates("never added"), []);
    index.add(`e:${EMAIL_B}`, 9001);
    index.add(`e:${EMAIL_A}`, 9000);
    assert.deepEqual(index.candidates(`e:${EMAIL_A}`), [9000, 9001]);
    assert.equal(index.size, 5002);
  });

  it("merge proposals tell keys sharing a hash apart, and pair a key met later with its first person", async () => {
    assert.equal(hashKey(`e:${EMAIL_A}`), hashKey(`e:${EMAIL_B}`));
    const person = (id: string, position: number, ...emails: string[]): KeyedPerson => ({
      id,
      position,
      keys: emails.map((e) => ({ reason: "email" as const, key: `e:${e}` })),
    });
    const staged = new Map<number, KeyedPerson>();
    const earlier = async (positions: number[]) =>
      new Map(
        positions.flatMap((at) => {
          const p = staged.get(at);
          return p ? [[at, { id: p.id, keys: new Set(p.keys.map((k) => k.key)) }] as const] : [];
        }),
      );
    const proposer = new MergeProposer();
    const page1 = [person("a", 0, EMAIL_A), person("b", 1, EMAIL_B), person("a2", 2, EMAIL_A, EMAIL_A)];
    for (const p of page1) staged.set(p.position, p);
    assert.deepEqual(await proposer.page(page1, earlier), [{ a: "a", b: "a2", reason: "email" }]);
    const page2 = [person("c", 3, EMAIL_B), person("d", 4, "other@x.example", EMAIL_A)];
    assert.deepEqual(await proposer.page(page2, earlier), [
      { a: "b", b: "c", reason: "email" },
      { a: "a", b: "d", reason: "email" },
    ]);
  });
});

describe("imports: staging and committing in pieces", () => {
  let ctx: TestContext;
  let owner: TestAccount;
  let viewer: Viewer;

  before(async () => {
    ctx = await createTestContext();
    owner = await createAccount(ctx.deps, { handle: "stager" });
    viewer = await viewerFor(ctx.deps, owner);
  });
  after(() => ctx.close());

  async function importZip(name: string, zip: Buffer, decisions: Record<string, string> = {}) {
    const { id } = await startImport(ctx.deps, viewer, { fileName: name, data: zip }, { locale: "en" });
    await runJobs(ctx);
    const review = await readReview(ctx.deps, viewer, id);
    assert.equal(review.status.status, "review", JSON.stringify(review.status));
    await commitReviewed(ctx.deps, viewer, id, decisions);
    await runJobs(ctx);
    return { review, done: await readImportStatus(ctx.deps, viewer, id) };
  }

  async function factsOf(name: string) {
    const contact = await ctx.deps.db
      .selectFrom("contacts")
      .select(["id", "how_met"])
      .where("owner_id", "=", owner.accountId)
      .where("name", "=", name)
      .executeTakeFirstOrThrow();
    const facts = await ctx.deps.db
      .selectFrom("interactions")
      .select(["kind", "day", "note"])
      .where("owner_id", "=", owner.accountId)
      .where("other_contact_id", "=", contact.id)
      .orderBy("day")
      .orderBy("kind")
      .execute();
    return { contact, facts };
  }

  it("people whose source ids share a hash are staged apart and keep their own facts", async () => {
    const connections = `${HEADER}Ada,Hash,${URL_A},,,,03 Feb 2024\nBob,Hash,${URL_B},,,,04 Feb 2024\n`;
    const messages = `${MESSAGES_HEADER}${message(`Ada Hash,${URL_A}`, 1)}${message(`Bob Hash,${URL_B}`, 2)}${message(`Bob Hash,${URL_B}`, 3)}`;
    const { done } = await importZip(
      "hash.zip",
      makeZip([
        { name: "Connections.csv", data: connections },
        { name: "messages.csv", data: messages },
      ]),
    );
    assert.equal(done.summary.people, 2);
    const ada = await factsOf("Ada Hash");
    const bob = await factsOf("Bob Hash");
    assert.deepEqual(
      ada.facts.map((f) => [f.kind, f.day]),
      [
        ["dm_day_one_way", "2020-01-02"],
        ["connection_accepted", "2024-02-03"],
      ],
    );
    assert.deepEqual(
      bob.facts.map((f) => [f.kind, f.day]),
      [
        ["dm_day_one_way", "2020-01-03"],
        ["dm_day_one_way", "2020-01-04"],
        ["connection_accepted", "2024-02-04"],
      ],
    );
  });

  it("a LinkedIn person known only by name joins the one connection with that name, not two", async () => {
    const connections =
      `${HEADER}Bruno,Da Silva,https://www.linkedin.com/in/bruno-ds,,,,15 Mar 2019\n` +
      "Chloé,Durand,https://www.linkedin.com/in/chloe-1,,,,10 Jan 2023\n" +
      "Chloé,Durand,https://www.linkedin.com/in/chloe-2,,,,11 Jan 2023\n";
    const invitations =
      "From,To,Sent At,Message,Direction\n" +
      'Owner Person,bruno  DA SILVA,"3/10/19, 11:00 AM",Great talk at the conference,OUTGOING\n' +
      'Owner Person,Chloé Durand,"1/2/23, 11:00 AM",See you,OUTGOING\n';
    const { done } = await importZip(
      "names.zip",
      makeZip([
        { name: "Connections.csv", data: connections },
        { name: "Invitations.csv", data: invitations },
      ]),
    );
    assert.equal(done.summary.people, 4);
    const bruno = await factsOf("Bruno Da Silva");
    assert.deepEqual(
      bruno.facts.map((f) => [f.kind, f.day, f.note]),
      [
        ["connection_request", "2019-03-10", "Great talk at the conference"],
        ["connection_accepted", "2019-03-15", null],
      ],
    );
    assert.match(bruno.contact.how_met, /Invitation: “Great talk at the conference”/);
    const chloes = await ctx.deps.db
      .selectFrom("contacts")
      .select("id")
      .where("owner_id", "=", owner.accountId)
      .where("name", "=", "Chloé Durand")
      .execute();
    assert.equal(chloes.length, 3);
  });

  it("writes every fact of pages of people with many message days, and joins merged people pages apart", async () => {
    const people = Array.from({ length: 70 }, (_, i) => ({
      name: `Person ${i}`,
      url: `https://www.linkedin.com/in/many-${i}`,
    }));
    const connections = HEADER + people.map((p) => `${p.name},Many,${p.url},,,,03 Feb 2024\n`).join("");
    let messages = MESSAGES_HEADER;
    for (const p of people.slice(0, 3))
      for (let d = 0; d < 500; d++) messages += message(`${p.name},${p.url}`, d);
    // The last card is the first connection (same LinkedIn URL): a merge across pages of the commit.
    const cards = `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:card-0\r\nFN:Person 0 Many\r\nURL:${people[0]?.url}\r\nEMAIL:p0@example.net\r\nEND:VCARD\r\n`;
    const { review, done } = await importZip(
      "many.zip",
      makeZip([
        { name: "Connections.csv", data: connections, deflate: true },
        { name: "messages.csv", data: messages, deflate: true },
        { name: "contacts.vcf", data: cards },
      ]),
    );
    assert.equal(review.mergeCount, 1);
    assert.deepEqual(
      { ...done.summary.commit },
      { created: 70, matched: 0, merged: 1, unchanged: 0, factsAdded: 70 + 1500 },
    );
    const first = await ctx.deps.db
      .selectFrom("contacts as c")
      .innerJoin("contact_sources as s", "s.contact_id", "c.id")
      .select(["c.email", "s.source"])
      .where("c.owner_id", "=", owner.accountId)
      .where("c.name", "like", "Person 0%")
      .orderBy("s.source")
      .execute();
    assert.deepEqual(
      first.map((r) => [r.source, r.email]),
      [
        ["linkedin", "p0@example.net"],
        ["vcard", "p0@example.net"],
      ],
    );
    assert.equal((await factsOf("Person 2 Many")).facts.length, 501);
  });
});
