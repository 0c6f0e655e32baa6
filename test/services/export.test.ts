import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseVCards } from "../../src/domain/imports/vcard.ts";
import { acceptConnectionRequest } from "../../src/services/connections/accept.ts";
import { sendConnectionRequest } from "../../src/services/connections/request.ts";
import { createContact } from "../../src/services/contacts/create.ts";
import type { Viewer } from "../../src/services/deps.ts";
import { createEvent } from "../../src/services/events/create.ts";
import { listExports, readExportFile, requestExport } from "../../src/services/export/request.ts";
import { exportSections } from "../../src/services/export/sections.ts";
import { follow } from "../../src/services/follows/follow.ts";
import { commitReviewed } from "../../src/services/imports/decide.ts";
import { startImport } from "../../src/services/imports/start.ts";
import { readImportStatus } from "../../src/services/imports/view.ts";
import { readZipEntries } from "../../src/services/imports/zip.ts";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { startConversation } from "../../src/services/messages/start.ts";
import { createPost } from "../../src/services/posts/create.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, viewerFor } from "../helpers/factories.ts";
import { linkedInZip, runJobs } from "./imports.fixtures.ts";

describe("the personal export", () => {
  let ctx: TestContext;
  let alice: Viewer;
  let bob: Viewer;
  let files: Map<string, string>;

  before(async () => {
    ctx = await createTestContext();
    alice = await viewerFor(
      ctx.deps,
      await createAccount(ctx.deps, { handle: "alice", displayName: "Alice A." }),
    );
    bob = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "bob", displayName: "Bob B." }));
    const { requestId } = await sendConnectionRequest(ctx.deps, alice, bob.accountId, {
      note: "Hello from the meetup",
      metWhere: "Lyon meetup",
    });
    await acceptConnectionRequest(ctx.deps, bob, requestId);
    await follow(ctx.deps, bob, alice.accountId);
    await startConversation(ctx.deps, alice, { to: ["bob"], body: 'Coffee on Friday, "as usual"?' });
    await createContact(ctx.deps, alice, {
      name: "Chloé, from the bakery",
      email: "chloe@example.net",
      phone: "+33 6 00 00 00 00",
      metWhere: "Bakery",
      metOn: "2025-12-24",
      howMet: "Queued together\nfor bread",
      notes: "Likes sourdough",
      tags: "bread, paris",
      links: "Blog https://chloe.example/",
    });
    const post = await createPost(ctx.deps, alice, { body: "Hello, world #liens", visibility: "public" });
    await createPost(ctx.deps, bob, { body: "Hi Alice!", parentId: post.id, visibility: "public" });
    await createPost(ctx.deps, alice, { body: "Thanks Bob", parentId: post.id, visibility: "public" });
    await createEvent(ctx.deps, alice, {
      title: "Picnic, in the park",
      start: "2026-03-10T12:00",
      end: "2026-03-10T15:00",
      timeZone: "Europe/Paris",
      place: "Parc de la Tête d'Or",
      city: "Lyon",
      visibility: "public",
    });
    const { id } = await startImport(ctx.deps, alice, { fileName: "linkedin.zip", data: linkedInZip() });
    await runJobs(ctx);
    await commitReviewed(ctx.deps, alice, id, {});
    await runJobs(ctx);
    assert.equal((await readImportStatus(ctx.deps, alice, id)).status, "done");
  });
  after(() => ctx.close());

  it("is built in the background, with every section, as CSV and JSON", async () => {
    const { id } = await requestExport(ctx.deps, alice);
    assert.equal((await listExports(ctx.deps, alice))[0]?.status, "pending");
    await assert.rejects(requestExport(ctx.deps, alice), { name: "Conflict" });
    await runJobs(ctx);
    const [ready] = await listExports(ctx.deps, alice);
    assert.equal(ready?.status, "ready");
    assert.equal(ready?.expiresAt, "2026-03-09T09:00:00.000Z");
    const { bytes, fileName } = await readExportFile(ctx.deps, alice, id);
    assert.equal(fileName, "liens-alice-2026-03-02.zip");
    const entries = await readZipEntries(Buffer.from(bytes));
    files = new Map(
      entries.map((e) => [e.name.replace(/^liens-alice-2026-03-02\//, ""), e.data.toString("utf8")]),
    );
    // Other areas add their own sections: these are the core ones.
    for (const name of [
      "README.txt",
      "contacts/contacts.csv",
      "contacts/contacts.json",
      "contacts/contacts.vcf",
      "ledger/interactions.csv",
      "ledger/interactions.json",
      "ledger/ties.csv",
      "ledger/ties.json",
      "messages/conversations.json",
      "messages/messages.csv",
      "network/blocks.csv",
      "network/connection-requests.csv",
      "network/connections.csv",
      "network/connections.json",
      "network/followers.csv",
      "network/following.csv",
      "network/mutes.csv",
      "profile/profile.json",
      "profile/sessions.csv",
      "posts/posts.csv",
      "posts/posts.json",
      "events/organised.ics",
      "events/events.csv",
    ])
      assert.ok(files.has(name), `${name} is missing from ${[...files.keys()].join(", ")}`);
    assert.ok(exportSections.length >= 5);
    const posts = files.get("posts/posts.csv") ?? "";
    assert.match(posts, /Hello, world #liens/);
    assert.match(posts, /,comment,http:\/\/localhost:3000\/posts\/[0-9a-f-]+,public,.*Thanks Bob/);
    assert.doesNotMatch(posts, /Hi Alice!/);
    const ics = files.get("events/organised.ics") ?? "";
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
    assert.match(ics, /SUMMARY:Picnic\\, in the park/);
    assert.match(ics, /DTSTART;TZID=Europe\/Paris:20260310T120000/);
    const profile = JSON.parse(files.get("profile/profile.json") ?? "{}");
    assert.equal(profile.handle, "alice");
    assert.equal(profile.account.email, "alice@example.test");
    assert.match(
      files.get("network/connections.csv") ?? "",
      /^address,name,connected_at.*\r\n@bob,Bob B\.,/s,
    );
    assert.match(files.get("network/followers.csv") ?? "", /@bob,Bob B\.,accepted,/);
    assert.match(
      files.get("network/connection-requests.csv") ?? "",
      /sent,@alice,@bob,Hello from the meetup,accepted/,
    );
    assert.match(files.get("messages/messages.csv") ?? "", /,alice,"Coffee on Friday, ""as usual""\?"\r\n/);
    const contacts = files.get("contacts/contacts.csv") ?? "";
    assert.match(contacts, /"Chloé, from the bakery",chloe@example\.net,\+33 6 00 00 00 00,/);
    assert.match(contacts, /"Queued together\nfor bread"/);
    assert.match(
      files.get("ledger/interactions.csv") ?? "",
      /Amélie Poulain,Amélie Poulain,owner,connection_request,dm,2024-01-28T09:05:00\.000Z,import,/,
    );
    const ties = JSON.parse(files.get("ledger/ties.json") ?? "[]") as {
      with: string;
      stage: string;
      strength: number;
    }[];
    const withBob = ties.find((t) => t.with === "@bob");
    assert.ok(withBob && withBob.stage !== "none", JSON.stringify(ties));
    assert.ok((ties.find((t) => t.with === "Amélie Poulain")?.strength ?? 0) > 0);
  });

  it("holds every contact in one vCard 4.0 file", () => {
    const vcf = files.get("contacts/contacts.vcf") ?? "";
    assert.match(vcf, /^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    const parsed = parseVCards(vcf);
    assert.deepEqual(parsed.people.map((p) => p.displayName).sort(), [
      "Amélie Poulain",
      "Bruno Da Silva",
      "Chloé Martin",
      "Chloé, from the bakery",
    ]);
  });

  it("round-trips: the vCard imported into a new account gives the same contacts and dates", async () => {
    const carol = await viewerFor(ctx.deps, await createAccount(ctx.deps, { handle: "carol" }));
    const { id } = await startImport(ctx.deps, carol, {
      fileName: "contacts.vcf",
      data: Buffer.from(files.get("contacts/contacts.vcf") ?? ""),
    });
    await runJobs(ctx);
    await commitReviewed(ctx.deps, carol, id, {});
    await runJobs(ctx);
    const fields = ["name", "email", "phone", "tags", "notes", "how_met", "met_where", "met_on"] as const;
    const read = (owner: string) =>
      ctx.deps.db
        .selectFrom("contacts")
        .select([...fields, "links"])
        .where("owner_id", "=", owner)
        .orderBy("name")
        .execute()
        .then((rows) =>
          rows.map((r) => ({ ...r, links: (JSON.parse(r.links) as { url: string }[]).map((l) => l.url) })),
        );
    const original = await read(alice.accountId);
    const copy = await read(carol.accountId);
    assert.equal(copy.length, 4);
    assert.deepEqual(copy, original);
    assert.equal(copy.find((c) => c.name.startsWith("Chloé,"))?.met_on, "2025-12-24");
    assert.equal(copy.find((c) => c.name === "Amélie Poulain")?.met_on, "2024-01-28");
  });

  it("is the owner's only, and only for seven days", async () => {
    const [ready] = await listExports(ctx.deps, alice);
    assert.ok(ready);
    await assert.rejects(readExportFile(ctx.deps, bob, ready.id), { name: "NotFound" });
    ctx.clock.advance(7 * 24 * 3600 * 1000 + 1000);
    await assert.rejects(readExportFile(ctx.deps, alice, ready.id), { name: "NotFound" });
    assert.equal((await listExports(ctx.deps, alice))[0]?.status, "expired");
    // The daily job removes the file.
    const { enqueue } = await import("../../src/services/jobs/queue.ts");
    await enqueue(ctx.deps, { kind: "accounts.purgeDeleted" });
    await drainJobs(ctx.deps);
    assert.equal(await ctx.deps.storage.get(`exports/${alice.accountId}/${ready.id}.zip`), null);
    assert.equal((await listExports(ctx.deps, alice)).length, 0);
  });
});
