import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseFacebookFriends } from "../../../src/domain/imports/facebook.ts";
import { parseGoogleCsv } from "../../../src/domain/imports/google-csv.ts";
import { ImportFormatError, parseImportFiles } from "../../../src/domain/imports/index.ts";
import { parseLinkedInConnections, parseLinkedInInvitations } from "../../../src/domain/imports/linkedin.ts";
import {
  parseLinkedInMessages,
  streamLinkedInMessages,
} from "../../../src/domain/imports/linkedin-messages.ts";
import { parseMastodonFollows, parseMastodonLists } from "../../../src/domain/imports/mastodon.ts";
import { decodeText } from "../../../src/domain/imports/text.ts";
import { parseTwitterArchive } from "../../../src/domain/imports/twitter.ts";
import { parseVCards } from "../../../src/domain/imports/vcard.ts";
import { readZipEntries } from "../../../src/services/imports/zip.ts";
import { ASOF, fixture, makeZip } from "./helpers.ts";

const FIXTURES: [string, (text: string) => unknown][] = [
  ["linkedin/Connections.csv", (t) => parseLinkedInConnections(t)],
  ["linkedin/Invitations.csv", (t) => parseLinkedInInvitations(t)],
  ["linkedin/messages.csv", (t) => parseLinkedInMessages(t)],
  [
    "twitter/data/direct-messages-group.js",
    (t) => parseTwitterArchive([{ name: "dm.js", text: t }], { asOf: ASOF }),
  ],
  ["twitter/data/tweets.js", (t) => parseTwitterArchive([{ name: "tweets.js", text: t }], { asOf: ASOF })],
  ["facebook/your_friends.json", (t) => parseFacebookFriends(t)],
  ["vcard/v21-outlook.vcf", (t) => parseVCards(t)],
  ["vcard/v30-apple.vcf", (t) => parseVCards(t)],
  ["vcard/v40-carddav.vcf", (t) => parseVCards(t)],
  ["google/google-old.csv", (t) => parseGoogleCsv(t)],
  ["mastodon/following_accounts.csv", (t) => parseMastodonFollows(t, { asOf: ASOF })],
  ["mastodon/lists.csv", (t) => parseMastodonLists(t)],
];

/** Only ImportFormatError may escape; anything else fails the property. */
function onlyImportErrors(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof ImportFormatError)) throw e;
  }
}

type Mutation =
  | { op: "flip"; at: number; byte: number }
  | { op: "cut"; at: number }
  | { op: "delete"; at: number; len: number }
  | { op: "insert"; at: number; bytes: Uint8Array }
  | { op: "dup"; at: number; len: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.constantFrom(...'",;:\\=\n\r{}[]'.split("").map((c) => Buffer.from(c))),
  }),
  fc.record({ op: fc.constant("dup" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }),
);

function mutate(input: Uint8Array, ms: Mutation[]): Buffer {
  let b = Buffer.from(input);
  for (const m of ms) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.op === "flip") b[at] = m.byte;
    else if (m.op === "cut") b = b.subarray(0, at);
    else if (m.op === "delete") b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)]);
    else if (m.op === "insert") b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
    else b = Buffer.concat([b.subarray(0, at + m.len), b.subarray(at)]);
  }
  return b;
}

describe("parsers never crash with anything but ImportFormatError", () => {
  it("random bytes through detection and every format", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom("a.csv", "b.vcf", "c.js", "d.json"),
        (bytes, name) => {
          onlyImportErrors(() => parseImportFiles([{ name, data: bytes }], { asOf: ASOF }));
        },
      ),
      { numRuns: 500 },
    );
  });
  it("random text straight into each parser", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 1000 }), fc.nat(FIXTURES.length - 1), (text, i) => {
        const parse = FIXTURES[i]?.[1];
        onlyImportErrors(() => parse?.(text));
      }),
      { numRuns: 500 },
    );
  });
  for (const [path, parse] of FIXTURES) {
    it(`random mutations of ${path}`, () => {
      const original = fixture(path);
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
          const bytes = mutate(original, ms);
          onlyImportErrors(() => parse(decodeText(bytes, path)));
          onlyImportErrors(() => parseImportFiles([{ name: path, data: bytes }], { asOf: ASOF }));
        }),
        { numRuns: 200 },
      );
    });
  }
  it("random mutations through the streaming messages parser", async () => {
    const original = fixture("linkedin/messages.csv");
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (ms) => {
        try {
          await streamLinkedInMessages(Readable.from([mutate(original, ms)]));
        } catch (e) {
          if (!(e instanceof ImportFormatError)) throw e;
        }
      }),
      { numRuns: 150 },
    );
  });
  it("random mutations of a zip", async () => {
    const zip = makeZip([
      { name: "Connections.csv", data: fixture("linkedin/Connections.csv"), deflate: true },
      { name: "data/following.js", data: fixture("twitter/data/following.js") },
    ]);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        try {
          const entries = await readZipEntries(mutate(zip, ms));
          parseImportFiles(entries, { asOf: ASOF, ignoreUnknown: true });
        } catch (e) {
          if (!(e instanceof ImportFormatError)) throw e;
        }
      }),
      { numRuns: 200 },
    );
  });
  it("the sanity check itself: a valid fixture parses", () => {
    for (const [path, parse] of FIXTURES)
      assert.doesNotThrow(() => parse(decodeText(fixture(path), path)), path);
  });
});
