import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import type { Viewer } from "../../src/services/deps.ts";
import { commitImport } from "../../src/services/imports/commit.ts";
import { commitReviewed } from "../../src/services/imports/decide.ts";
import { startImport } from "../../src/services/imports/start.ts";
import { readImportStatus } from "../../src/services/imports/view.ts";
import { drainJobs } from "../../src/services/jobs/run.ts";
import { createTestContext, type TestContext } from "../helpers/context.ts";
import { createAccount, type TestAccount, viewerFor } from "../helpers/factories.ts";
import { CONNECTIONS, counts, linkedInZip, makeZip, runJobs, VCARD } from "./imports.fixtures.ts";

/** A zip whose one entry is stored deflated but declares its real (huge) size. */
function bombZip(): Buffer {
  const zip = makeZip([
    { name: "Connections.csv", data: Buffer.alloc(8 * 1024 * 1024, 0x41), deflate: true },
  ]);
  assert.ok(zip.length < 100_000);
  return zip;
}

const BAD: [string, string, () => Uint8Array, string, string][] = [
  [
    "a photo",
    "photo.jpg",
    () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]),
    "bad_encoding",
    "photo.jpg",
  ],
  ["an unknown CSV", "budget.csv", () => Buffer.from("month,amount\njan,12\n"), "wrong_format", "budget.csv"],
  ["a truncated zip", "export.zip", () => linkedInZip().subarray(0, 300), "truncated", "export.zip"],
  [
    "Latin-1 text in a zip",
    "export.zip",
    () =>
      makeZip([
        { name: "Connections.csv", data: Buffer.from(CONNECTIONS.replace(/é/g, "\u00e9"), "latin1") },
      ]),
    "bad_encoding",
    "Connections.csv",
  ],
  ["a zip bomb", "bomb.zip", bombZip, "zip_bomb", "bomb.zip"],
  [
    "path traversal",
    "evil.zip",
    () => makeZip([{ name: "../../etc/contacts.vcf", data: VCARD }]),
    "unsafe_path",
    "evil.zip",
  ],
  [
    "a gigantic line",
    "contacts.vcf",
    () => Buffer.from(`BEGIN:VCARD\r\nFN:${"x".repeat(2 * 1024 * 1024)}\r\nEND:VCARD\r\n`),
    "line_too_long",
    "contacts.vcf",
  ],
  [
    "a vCard cut short",
    "cut.vcf",
    () => Buffer.from("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Somebody"),
    "truncated",
    "cut.vcf",
  ],
];

describe("imports: bad input is refused clearly, and nothing is written", () => {
  let ctx: TestContext;
  let alice: TestAccount;
  let viewer: Viewer;

  before(async () => {
    ctx = await createTestContext();
    alice = await createAccount(ctx.deps, { handle: "alice" });
    viewer = await viewerFor(ctx.deps, alice);
  });
  after(() => ctx.close());

  for (const [label, fileName, data, code, file] of BAD) {
    it(`${label}: ${code}, naming ${file}`, async () => {
      const before = await counts(ctx, alice.accountId);
      const { id } = await startImport(ctx.deps, viewer, { fileName, data: data() });
      await runJobs(ctx);
      const status = await readImportStatus(ctx.deps, viewer, id);
      assert.equal(status.status, "failed");
      assert.equal(status.errorCode, code);
      assert.equal(status.errorFile, file);
      assert.deepEqual(await counts(ctx, alice.accountId), before);
      // The upload is not kept once refused.
      assert.equal(await ctx.deps.storage.get(`imports/${alice.accountId}/${id}/manifest.json`), null);
      assert.equal(await ctx.deps.storage.get(`imports/${alice.accountId}/${id}/0`), null);
    });
  }

  it("refuses an empty upload and a file over the limit, naming it", async () => {
    await assert.rejects(startImport(ctx.deps, viewer, null), (e: Error & { fields?: object }) => {
      assert.deepEqual(e.fields, { file: { key: "error.imports.noFile" } });
      return true;
    });
    await assert.rejects(
      startImport(ctx.deps, viewer, { fileName: "../big.zip", data: Buffer.alloc(2048) }, { maxBytes: 1024 }),
      (e: Error & { fields?: Record<string, { key: string; params: Record<string, string> }> }) => {
        assert.equal(e.fields?.file?.key, "error.imports.fileTooLarge");
        assert.equal(e.fields?.file?.params.file, "big.zip");
        return true;
      },
    );
  });

  it("a commit that fails writes nothing (its batches are undone), and is retried", async () => {
    const before = await counts(ctx, alice.accountId);
    const follows =
      "Account address,Show boosts,Notify on new posts,Languages\nada@example.social,true,false,\nbob@example.social,true,false,\n";
    const { id } = await startImport(ctx.deps, viewer, {
      fileName: "following_accounts.csv",
      data: Buffer.from(follows),
    });
    await runJobs(ctx);
    // The contacts and their sources are inserted first; then this follow cannot be written and throws.
    await setFactTimes(id, "not a date");
    await commitReviewed(ctx.deps, viewer, id, {});
    await drainJobs(ctx.deps);
    const failedJob = await ctx.deps.db
      .selectFrom("jobs")
      .select("last_error")
      .where("kind", "=", "imports.commit")
      .executeTakeFirstOrThrow();
    assert.equal(failedJob.last_error, "Invalid time value");
    assert.equal((await readImportStatus(ctx.deps, viewer, id)).status, "committing");
    assert.deepEqual({ ...(await counts(ctx, alice.accountId)), staged: 0 }, { ...before, staged: 0 });
    assert.equal((await ctx.deps.db.selectFrom("contact_sources").selectAll().execute()).length, 0);
    // Once the cause is gone, the retried commit goes through.
    await setFactTimes(id, "2024-02-03T00:00:00.000Z");
    assert.ok(await commitImport(ctx.deps, id));
    assert.equal((await readImportStatus(ctx.deps, viewer, id)).status, "done");
    assert.equal((await counts(ctx, alice.accountId)).contacts, before.contacts + 2);
    await ctx.deps.db.deleteFrom("jobs").execute();
  });

  it("a commit in batches that fails after its first batches leaves nothing, and resumes cleanly", async () => {
    const before = await counts(ctx, alice.accountId);
    const sourcesBefore = (await ctx.deps.db.selectFrom("contact_sources").selectAll().execute()).length;
    const { id } = await startImport(ctx.deps, viewer, { fileName: "c.zip", data: linkedInZip() });
    await runJobs(ctx);
    // Batches of one person: the first people and their facts are written, then the third one throws.
    await setFactTimes(id, "not a date", 2);
    await ctx.deps.db.updateTable("imports").set({ status: "committing" }).where("id", "=", id).execute();
    await assert.rejects(commitImport(ctx.deps, id, { batchSize: 1 }), /Invalid time value/);
    assert.equal((await readImportStatus(ctx.deps, viewer, id)).status, "committing");
    const afterFailure = await counts(ctx, alice.accountId);
    assert.deepEqual([afterFailure.contacts, afterFailure.facts], [before.contacts, before.facts]);
    assert.equal(
      (await ctx.deps.db.selectFrom("contact_sources").selectAll().execute()).length,
      sourcesBefore,
    );
    assert.equal((await ctx.deps.db.selectFrom("import_contacts").selectAll().execute()).length, 0);
    // A commit interrupted without its clean-up (a crash) is undone when retried: simulate its leftovers.
    await setFactTimes(id, "2024-02-03T00:00:00.000Z", 2);
    const leftover = ctx.deps.newId();
    await ctx.deps.db
      .insertInto("contacts")
      .values({
        id: leftover,
        owner_id: alice.accountId,
        name: "Half-written",
        created_at: "2024-01-01T00:00:00.000Z",
        updated_at: "2024-01-01T00:00:00.000Z",
      })
      .execute();
    await ctx.deps.db.insertInto("import_contacts").values({ import_id: id, contact_id: leftover }).execute();
    const commit = await commitImport(ctx.deps, id, { batchSize: 1 });
    assert.deepEqual({ ...commit }, { created: 3, matched: 0, merged: 0, unchanged: 0, factsAdded: 7 });
    const done = await counts(ctx, alice.accountId);
    assert.equal(done.contacts, before.contacts + 3);
    assert.equal(done.facts, before.facts + 7);
    assert.equal(done.staged, 0);
    assert.equal(
      (await ctx.deps.db.selectFrom("contacts").select("id").where("id", "=", leftover).execute()).length,
      0,
    );
    assert.equal((await ctx.deps.db.selectFrom("import_facts").selectAll().execute()).length, 0);
    await ctx.deps.db.deleteFrom("jobs").execute();
  });

  it("random bytes never crash an import, and a failed one writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.constantFrom("a.csv", "b.vcf", "c.zip", "d.json", "data/tweets.js"),
        async (bytes, name) => {
          await checkOne(name, bytes.length === 0 ? Buffer.from("x") : bytes);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("random mutations of valid exports never crash an import, nor write partially", async () => {
    const originals = [
      ["export.zip", linkedInZip()],
      ["contacts.vcf", Buffer.from(VCARD)],
      ["Connections.csv", Buffer.from(CONNECTIONS)],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...originals),
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), cut: fc.boolean() }), {
          minLength: 1,
          maxLength: 4,
        }),
        async ([name, original], mutations) => {
          let bytes = Buffer.from(original);
          for (const m of mutations) {
            const at = m.at % Math.max(1, bytes.length);
            if (m.cut) bytes = bytes.subarray(0, Math.max(1, at));
            else bytes[at] = m.byte;
          }
          await checkOne(name, bytes);
        },
      ),
      { numRuns: 40 },
    );
  });

  /** Rewrites the time of the staged facts of an import (of its people from position `from` on). */
  async function setFactTimes(importId: string, at: string, from = 0): Promise<void> {
    const retime = (json: string) =>
      JSON.stringify((JSON.parse(json) as unknown[][]).map((f) => [f[0], f[1], at, ...f.slice(3)]));
    const people = await ctx.deps.db
      .selectFrom("import_people")
      .select(["id", "facts"])
      .where("import_id", "=", importId)
      .where("position", ">=", from)
      .execute();
    for (const p of people) {
      await ctx.deps.db
        .updateTable("import_people")
        .set({ facts: retime(p.facts) })
        .where("id", "=", p.id)
        .execute();
      const more = await ctx.deps.db
        .selectFrom("import_facts")
        .select(["seq", "facts"])
        .where("import_id", "=", importId)
        .where("person_id", "=", p.id)
        .execute();
      for (const f of more) {
        await ctx.deps.db
          .updateTable("import_facts")
          .set({ facts: retime(f.facts) })
          .where("import_id", "=", importId)
          .where("seq", "=", f.seq)
          .execute();
      }
    }
  }

  /** One import of `bytes` in a fresh account: either refused with nothing written, or committed consistently. */
  async function checkOne(name: string, bytes: Uint8Array): Promise<void> {
    const account = await createAccount(ctx.deps, { handle: `p${Math.random().toString(36).slice(2, 12)}` });
    const v = await viewerFor(ctx.deps, account);
    const { id } = await startImport(ctx.deps, v, { fileName: name, data: bytes });
    await runJobs(ctx);
    let status = await readImportStatus(ctx.deps, v, id);
    assert.ok(status.status === "failed" || status.status === "review", status.status);
    if (status.status === "failed") {
      assert.ok(status.errorCode && status.errorFile, "a failure names its problem and file");
      const after = await counts(ctx, account.accountId);
      assert.deepEqual([after.contacts, after.facts, after.staged], [0, 0, 0]);
      return;
    }
    await commitReviewed(ctx.deps, v, id, {});
    await runJobs(ctx);
    status = await readImportStatus(ctx.deps, v, id);
    assert.equal(status.status, "done");
    const c = status.summary.commit;
    const after = await counts(ctx, account.accountId);
    assert.equal(after.contacts, (c?.created ?? 0) + (c?.matched ?? 0));
    assert.equal(after.facts, c?.factsAdded);
    assert.equal(after.staged, 0);
  }
});
