import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { ImportedPerson } from "../../../src/domain/imports/model.ts";
import { parseVCards } from "../../../src/domain/imports/vcard.ts";
import { toVCard4 } from "../../../src/domain/imports/vcard-write.ts";

const text = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 40 })
  .filter((s) => s.trim() === s && s.trim() !== "");
const multiline = fc.array(text, { minLength: 1, maxLength: 3 }).map((l) => l.join("\n"));
const email = fc.emailAddress();

const person: fc.Arbitrary<ImportedPerson> = fc
  .record(
    {
      sourceKey: fc.uuid(),
      displayName: text,
      firstName: text,
      lastName: text,
      emails: fc.uniqueArray(email, { maxLength: 3, selector: (e) => e.toLowerCase() }),
      phones: fc.uniqueArray(fc.stringMatching(/^\+[0-9]{6,12}$/), { maxLength: 2 }),
      tags: fc.uniqueArray(text, { maxLength: 4, selector: (t) => t.toLowerCase() }),
      birthday: fc.oneof(
        fc.record(
          { month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) },
          { noNullPrototype: true },
        ),
        fc.record(
          {
            month: fc.integer({ min: 1, max: 12 }),
            day: fc.integer({ min: 1, max: 28 }),
            year: fc.integer({ min: 1900, max: 2024 }),
          },
          { noNullPrototype: true },
        ),
      ),
      notes: multiline,
      howWeMet: text,
      organisation: text,
      role: text,
      fediverseHandle: fc.constantFrom("@ana@social.example", "@bo_b@mastodon.example"),
      related: fc.array(
        fc.record(
          { name: text, label: fc.oneof(fc.constantFrom("spouse", "friend"), text) },
          { noNullPrototype: true },
        ),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: ["sourceKey", "displayName", "emails", "phones", "tags"], noNullPrototype: true },
  )
  .map((p) => ({ ...p, source: "vcard" as const, urls: [] }));

function comparable(p: ImportedPerson) {
  const c: Record<string, unknown> = { ...p };
  if (Array.isArray(c.related) && c.related.length === 0) delete c.related;
  return c;
}

describe("toVCard4 round-trip", () => {
  it("export then import gives the same people (fixed case with no-year birthday)", () => {
    const people: ImportedPerson[] = [
      {
        sourceKey: "derived:abc",
        source: "vcard",
        displayName:
          "Zoë d'Arc; the 2nd, \\ with a very long name that will need folding across lines 日本語テキスト",
        firstName: "Zoë",
        lastName: "d'Arc",
        emails: ["zoe@example.org", "z@example.com"],
        phones: ["+33 6 00 00 00 00"],
        urls: ["https://zoe.example/a,b;c"],
        fediverseHandle: "@zoe@mastodon.example",
        organisation: "Arc, Inc.",
        role: "Maker",
        tags: ["Friends", "Lyon, FR"],
        birthday: { month: 2, day: 29 },
        notes: "Line one\nLine two; with semicolon",
        howWeMet: "At the market",
        related: [
          { name: "Jeanne", label: "sibling" },
          { name: "Pierre", label: "Best buddy" },
        ],
      },
    ];
    const back = parseVCards(toVCard4(people)).people;
    assert.deepEqual(back, people);
  });
  it("holds for random people", () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 4 }), (people) => {
        const unique = people.map((p, i) => ({ ...p, sourceKey: `${p.sourceKey}-${i}` }));
        const back = parseVCards(toVCard4(unique)).people;
        assert.deepEqual(back.map(comparable), unique.map(comparable));
      }),
      { numRuns: 200 },
    );
  });
  it("folds long lines at 75 octets", () => {
    const out = toVCard4([
      {
        sourceKey: "k",
        source: "vcard",
        displayName: "é".repeat(100),
        emails: [],
        phones: [],
        urls: [],
        tags: [],
      },
    ]);
    for (const line of out.split("\r\n")) assert.ok(Buffer.byteLength(line) <= 75, line);
  });
});
