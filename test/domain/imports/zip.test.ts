import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isImportCandidate } from "../../../src/domain/imports/detect.ts";
import { ImportFormatError, parseImportFiles } from "../../../src/domain/imports/index.ts";
import { streamLinkedInMessages } from "../../../src/domain/imports/linkedin-messages.ts";
import { forEachZipEntry, readZipEntries } from "../../../src/services/imports/zip.ts";
import { ASOF, fixture, makeZip } from "./helpers.ts";

const code = (c: string) => (e: unknown) => e instanceof ImportFormatError && e.code === c;

function linkedInZip(): Buffer {
  return makeZip([
    { name: "Connections.csv", data: fixture("linkedin/Connections.csv"), deflate: true },
    { name: "Invitations.csv", data: fixture("linkedin/Invitations.csv") },
    { name: "messages.csv", data: fixture("linkedin/messages.csv"), deflate: true },
    { name: "media/", data: "" },
    { name: "media/photo.jpg", data: Buffer.alloc(100, 7) },
  ]);
}

describe("readZipEntries", () => {
  it("reads stored and deflated entries, skipping directories and filtered names", async () => {
    const entries = await readZipEntries(linkedInZip(), { filter: isImportCandidate });
    assert.deepEqual(
      entries.map((e) => e.name),
      ["Connections.csv", "Invitations.csv", "messages.csv"],
    );
    assert.deepEqual(entries[2]?.data, fixture("linkedin/messages.csv"));
    const r = parseImportFiles(entries, { asOf: ASOF, ignoreUnknown: true });
    assert.ok(r.people.some((p) => p.displayName === "Amélie Poulain"));
  });
  it("reads from a path too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "liens-zip-"));
    try {
      const path = join(dir, "export.zip");
      writeFileSync(path, linkedInZip());
      const entries = await readZipEntries(path);
      assert.equal(entries.length, 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("streams a big entry to the messages parser", async () => {
    let result: Awaited<ReturnType<typeof streamLinkedInMessages>> | undefined;
    await forEachZipEntry(linkedInZip(), async (entry, stream) => {
      if (entry.name === "messages.csv") result = await streamLinkedInMessages(stream);
      else stream.resume();
    });
    assert.equal(result?.facts.length, 3);
  });
  it("refuses a ../ entry and an absolute entry with unsafe_path", async () => {
    const evil = makeZip([
      { name: "ok.csv", data: "a" },
      { name: "../evil", data: "x" },
    ]);
    await assert.rejects(
      readZipEntries(evil, { file: "export.zip" }),
      (e: unknown) => code("unsafe_path")(e) && /\.\.\/evil/.test(String(e)),
    );
    await assert.rejects(readZipEntries(makeZip([{ name: "/etc/passwd", data: "x" }])), code("unsafe_path"));
    await assert.rejects(
      readZipEntries(makeZip([{ name: "a\\..\\..\\evil", data: "x" }])),
      code("unsafe_path"),
    );
  });
  it("refuses a high-ratio entry as a zip bomb", async () => {
    const bomb = makeZip([
      { name: "Connections.csv", data: Buffer.alloc(8 * 1024 * 1024, 0x30), deflate: true },
    ]);
    await assert.rejects(
      readZipEntries(bomb, { file: "export.zip" }),
      (e: unknown) => code("zip_bomb")(e) && (e as ImportFormatError).file === "export.zip",
    );
  });
  it("enforces the total size and entry count limits", async () => {
    await assert.rejects(
      readZipEntries(linkedInZip(), { limits: { maxTotalBytes: 1000 } }),
      code("too_large"),
    );
    await assert.rejects(
      readZipEntries(linkedInZip(), { limits: { maxEntries: 2 } }),
      code("too_many_entries"),
    );
  });
  it("detects a truncated zip", async () => {
    const whole = linkedInZip();
    for (const cut of [whole.length - 10, Math.floor(whole.length / 2), 10]) {
      await assert.rejects(readZipEntries(whole.subarray(0, cut)), code("truncated"), `cut at ${cut}`);
    }
    await assert.rejects(readZipEntries(Buffer.from("not a zip at all")), code("truncated"));
  });
  it("detects damaged entry data", async () => {
    const z = makeZip([{ name: "a.csv", data: "x".repeat(5000), deflate: false }]);
    // Claim a larger compressed size in the central directory than the file holds.
    const cd = z.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    z.writeUInt32LE(999_999, cd + 20);
    await assert.rejects(readZipEntries(z), code("truncated"));
  });
});
