import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detectFormat, isImportCandidate } from "../../../src/domain/imports/detect.ts";
import { ImportFormatError, parseImportFiles } from "../../../src/domain/imports/index.ts";
import { ASOF, fixture } from "./helpers.ts";

const cases: [string, string][] = [
  ["linkedin/Connections.csv", "linkedin_connections"],
  ["linkedin/Invitations.csv", "linkedin_invitations"],
  ["linkedin/Invitations-old.csv", "linkedin_invitations"],
  ["linkedin/messages.csv", "linkedin_messages"],
  ["twitter/data/following.js", "twitter_data"],
  ["twitter/data/direct-messages-group.js", "twitter_data"],
  ["facebook/your_friends.json", "facebook_friends"],
  ["facebook/friends_oldest.json", "facebook_friends"],
  ["vcard/v21-outlook.vcf", "vcard"],
  ["vcard/v40-carddav.vcf", "vcard"],
  ["google/google-old.csv", "google_csv"],
  ["google/google-new.csv", "google_csv"],
  ["mastodon/following_accounts.csv", "mastodon_follows"],
  ["mastodon/export-renamed.txt.csv", "mastodon_follows"],
  ["mastodon/lists.csv", "mastodon_lists"],
];
const code = (c: string, file?: string) => (e: unknown) =>
  e instanceof ImportFormatError && e.code === c && (file === undefined || e.file === file);

describe("detectFormat", () => {
  for (const [path, format] of cases) {
    it(`${path} → ${format}`, () => assert.equal(detectFormat(path, fixture(path), true), format));
  }
  it("detects by content whatever the name, and from a head only", () => {
    assert.equal(detectFormat("renamed.txt", fixture("mastodon/following_accounts.csv")), "mastodon_follows");
    assert.equal(
      detectFormat("x", fixture("linkedin/Connections.csv").subarray(0, 600)),
      "linkedin_connections",
    );
  });
  it("refuses unknown files with wrong_format naming the file", () => {
    assert.throws(
      () => detectFormat("dir/notes.txt", Buffer.from("hello world\n")),
      code("wrong_format", "notes.txt"),
    );
    assert.throws(() => detectFormat("mutes.csv", fixture("mastodon/mutes.csv")), code("wrong_format"));
    assert.throws(
      () => detectFormat("like.js", Buffer.from("window.YTD.like.part0 = []")),
      code("wrong_format"),
    );
    assert.throws(() => detectFormat("p.json", Buffer.from('{"posts":[]}')), code("wrong_format"));
  });
  it("checks encodings: Latin-1 refused, BOM and UTF-16 accepted, binary refused", () => {
    assert.throws(
      () => detectFormat("c.vcf", Buffer.from("BEGIN:VCARD\nFN:In\xe8s\nEND:VCARD\n", "latin1")),
      code("bad_encoding", "c.vcf"),
    );
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture("google/google-new.csv")]);
    assert.equal(detectFormat("g.csv", bom), "google_csv");
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(fixture("vcard/v40-carddav.vcf").toString("utf8"), "utf16le"),
    ]);
    assert.equal(detectFormat("c.vcf", utf16), "vcard");
    assert.throws(
      () => detectFormat("b.bin", Buffer.from([0x00, 0x01, 0x02, 0x41, 0x42, 0x43, 0x44, 0x45])),
      code("bad_encoding"),
    );
  });
  it("refuses a gigantic first line quickly", () => {
    assert.throws(
      () => detectFormat("huge.csv", Buffer.alloc(1024 * 1024 + 10, 0x61)),
      code("line_too_long"),
    );
  });
  it("recognizes a zip and archive entries worth reading", () => {
    assert.equal(detectFormat("x.zip", Buffer.from("PK\x03\x04rest", "latin1")), "zip");
    assert.ok(isImportCandidate("data/following-part1.js"));
    assert.ok(isImportCandidate("Connections.csv"));
    assert.ok(!isImportCandidate("data/tweets_media/x.jpg"));
    assert.ok(!isImportCandidate("data/like.js"));
  });
});

describe("parseImportFiles", () => {
  it("combines one LinkedIn export across its files", () => {
    const r = parseImportFiles(
      ["Connections.csv", "Invitations.csv", "messages.csv"].map((n) => ({
        name: n,
        data: fixture(`linkedin/${n}`),
      })),
      { asOf: ASOF },
    );
    const amelie = r.people.filter((p) => p.sourceKey === "linkedin.com/in/amelie-poulain-123");
    assert.equal(amelie.length, 1);
    assert.match(amelie[0]?.howWeMet ?? "", /Paris meetup/);
    assert.deepEqual(
      r.facts
        .filter((f) => f.personKey === "linkedin.com/in/amelie-poulain-123")
        .map((f) => f.kind)
        .sort(),
      ["connection", "dm_day", "dm_day", "invitation"],
    );
  });
  it("reads a Twitter archive's files together, and skips unknown files in archive mode", () => {
    const r = parseImportFiles(
      [
        { name: "data/following.js", data: fixture("twitter/data/following.js") },
        { name: "data/tweets.js", data: fixture("twitter/data/tweets.js") },
        { name: "README.txt", data: Buffer.from("hello\n") },
      ],
      { asOf: ASOF, ignoreUnknown: true },
    );
    assert.equal(r.people.find((p) => p.sourceKey === "201")?.displayName, "Alice Developer");
    assert.deepEqual(r.skipped, [{ reason: "not_imported", ref: "README.txt" }]);
  });
  it("refuses an unknown file outside archive mode", () => {
    assert.throws(
      () => parseImportFiles([{ name: "README.txt", data: Buffer.from("hello\n") }], { asOf: ASOF }),
      code("wrong_format", "README.txt"),
    );
  });
});
