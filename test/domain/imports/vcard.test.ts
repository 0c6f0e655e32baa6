import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ImportFormatError } from "../../../src/domain/imports/model.ts";
import { parseBirthday, parseVCards } from "../../../src/domain/imports/vcard.ts";
import { fixtureText } from "./helpers.ts";

describe("vCard 2.1", () => {
  const r = parseVCards(fixtureText("vcard/v21-outlook.vcf"));
  const helene = r.people[0];

  it("decodes quoted-printable with CHARSET and soft line breaks", () => {
    assert.equal(helene?.displayName, "Hélène Lefèvre");
    assert.equal(helene?.firstName, "Hélène");
    assert.equal(helene?.lastName, "Lefèvre");
    assert.equal(helene?.notes, "Rencontrée au café,\r\npuis au théâtre.");
    assert.equal(helene?.organisation, "Théâtre");
    assert.equal(helene?.role, "Directrice");
  });
  it("reads bare 2.1 parameters and a leap-day birthday", () => {
    assert.deepEqual(helene?.phones, ["+33 1 23 45 67 89", "+33 6 12 34 56 78"]);
    assert.deepEqual(helene?.emails, ["helene@example.fr"]);
    assert.deepEqual(helene?.birthday, { month: 2, day: 29, year: 1980 });
  });
  it("builds a name from N when FN is missing, with a derived stable key", () => {
    const john = r.people[1];
    assert.equal(john?.displayName, "John Smith");
    assert.match(john?.sourceKey ?? "", /^derived:[0-9a-f]{24}$/);
    assert.equal(parseVCards(fixtureText("vcard/v21-outlook.vcf")).people[1]?.sourceKey, john?.sourceKey);
  });
});

describe("vCard 3.0 (Apple)", () => {
  const p = parseVCards(fixtureText("vcard/v30-apple.vcf")).people[0];

  it("unfolds lines and resolves escapes", () => {
    assert.equal(p?.notes, "Met at the 2019 maker faire.\nLoves robotics; ask about the drone project.");
    assert.equal(p?.organisation, "Lagos Makers, Ltd.");
    assert.deepEqual(p?.tags, ["Friends", "Lagos, NG"]);
  });
  it("reads grouped labels, related names and the Mastodon profile", () => {
    assert.deepEqual(p?.related, [
      { name: "Chidi Okafor", label: "spouse" },
      { name: "Ada", label: "Goddaughter" },
    ]);
    assert.equal(p?.fediverseHandle, "@ngozi@mastodon.example");
    assert.deepEqual(p?.urls, ["https://ngozi.example.com"]);
    assert.deepEqual(p?.emails, ["ngozi@example.com", "ngozi@makers.example"]);
  });
  it("treats Apple's year 1604 as no year, and uses UID as key", () => {
    assert.deepEqual(p?.birthday, { month: 7, day: 14 });
    assert.equal(p?.sourceKey, "6B29FC40-CA47-1067-B31D-00DD010662DA");
  });
});

describe("vCard 4.0 and Google", () => {
  const r = parseVCards(fixtureText("vcard/v40-carddav.vcf"));

  it("reads RELATED text values, tel: URIs, IMPP and --MMDD birthdays", () => {
    const s = r.people[0];
    assert.equal(s?.displayName, "Sofía García");
    assert.deepEqual(s?.phones, ["+34-600-000-000"]);
    assert.deepEqual(s?.related, [{ name: "Lucía García", label: "sibling" }]);
    assert.deepEqual(s?.urls, ["xmpp:sofia@jabber.example"]);
    assert.deepEqual(s?.birthday, { month: 4, day: 15 });
    assert.deepEqual(s?.tags, ["climbing", "work"]);
  });
  it("handles cards without UID, --MM-DD birthdays and SOCIALPROFILE", () => {
    assert.deepEqual(r.people[1]?.birthday, { month: 12, day: 31 });
    assert.match(r.people[1]?.sourceKey ?? "", /^derived:/);
    assert.deepEqual(r.people[2]?.birthday, { month: 1, day: 5, year: 1990 });
    assert.equal(r.people[2]?.fediverseHandle, "@year@social.example");
    assert.deepEqual(r.skipped, [{ reason: "empty_card", line: 26 }]);
  });
  it("reads Google's export (LF endings, item labels, myContacts dropped)", () => {
    const k = parseVCards(fixtureText("vcard/google-export.vcf")).people[0];
    assert.deepEqual(k?.related, [{ name: "Yuki Tanaka", label: "mother" }]);
    assert.deepEqual(k?.tags, ["Running club"]);
    assert.deepEqual(k?.birthday, { month: 5, day: 3 });
  });
  it("reports a cut file as truncated and a non-vCard as wrong_format", () => {
    assert.throws(
      () => parseVCards(fixtureText("vcard/truncated.vcf"), "c.vcf"),
      (e: unknown) => e instanceof ImportFormatError && e.code === "truncated",
    );
    assert.throws(
      () => parseVCards("hello\n", "c.vcf"),
      (e: unknown) => e instanceof ImportFormatError && e.code === "wrong_format",
    );
  });
});

describe("parseBirthday", () => {
  it("accepts the known shapes and refuses impossible dates", () => {
    assert.deepEqual(parseBirthday("1985-04-15T00:00:00Z"), { month: 4, day: 15, year: 1985 });
    assert.deepEqual(parseBirthday("--0229"), { month: 2, day: 29 });
    assert.deepEqual(parseBirthday("2001-03-04", "2001"), { month: 3, day: 4 });
    assert.equal(parseBirthday("1985-02-30"), undefined);
    assert.equal(parseBirthday("--1340"), undefined);
    assert.equal(parseBirthday("April 15"), undefined);
  });
});
