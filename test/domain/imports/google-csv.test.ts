import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseGoogleCsv } from "../../../src/domain/imports/google-csv.ts";
import { ImportFormatError } from "../../../src/domain/imports/model.ts";
import { fixtureText } from "./helpers.ts";

describe("Google Contacts CSV", () => {
  it("reads the older format (multi-values, groups, relations, no-year birthday)", () => {
    const r = parseGoogleCsv(fixtureText("google/google-old.csv"));
    const [priya, tomasz] = r.people;
    assert.equal(priya?.displayName, "Priya Raman");
    assert.deepEqual(priya?.emails, ["priya@example.in", "priya.r@example.com", "priya@work.example"]);
    assert.deepEqual(priya?.phones, ["+91 98 0000 0000"]);
    assert.deepEqual(priya?.tags, ["Climbing"]);
    assert.equal(priya?.organisation, "Rocks Ltd");
    assert.equal(priya?.role, "Geologist");
    assert.deepEqual(priya?.urls, ["https://priya.example"]);
    assert.deepEqual(priya?.related, [{ name: "Anjali Raman", label: "Sister" }]);
    assert.deepEqual(priya?.birthday, { month: 9, day: 23, year: 1988 });
    assert.equal(priya?.notes, "Climbing buddy, met in Fontainebleau");
    assert.deepEqual(tomasz?.birthday, { month: 2, day: 14 });
    assert.deepEqual(tomasz?.tags, []);
    assert.equal(r.people.length, 2);
  });
  it("reads the newer format (Labels, E-mail 1 - Label)", () => {
    const [lea] = parseGoogleCsv(fixtureText("google/google-new.csv")).people;
    assert.equal(lea?.displayName, "Léa Marie Rousseau");
    assert.equal(lea?.firstName, "Léa");
    assert.equal(lea?.lastName, "Rousseau");
    assert.deepEqual(lea?.emails, ["lea@example.fr", "lea@atelier.example"]);
    assert.deepEqual(lea?.tags, ["Photo club"]);
    assert.deepEqual(lea?.birthday, { month: 6, day: 21 });
    assert.deepEqual(lea?.related, [{ name: "Marc", label: "Partner" }]);
    assert.match(lea?.sourceKey ?? "", /^derived:/);
  });
  it("refuses another CSV", () => {
    assert.throws(
      () => parseGoogleCsv("a,b\n1,2\n", "x.csv"),
      (e: unknown) => e instanceof ImportFormatError && e.code === "wrong_format",
    );
  });
});
