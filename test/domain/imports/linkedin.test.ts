import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import {
  combineLinkedIn,
  parseLinkedInConnections,
  parseLinkedInInvitations,
  streamLinkedInConnections,
} from "../../../src/domain/imports/linkedin.ts";
import {
  parseLinkedInMessages,
  streamLinkedInMessages,
} from "../../../src/domain/imports/linkedin-messages.ts";
import { ImportFormatError } from "../../../src/domain/imports/model.ts";
import { fixture, fixtureText } from "./helpers.ts";

describe("LinkedIn Connections.csv", () => {
  const r = parseLinkedInConnections(fixtureText("linkedin/Connections.csv"));

  it("finds the header after the note lines and reads people", () => {
    assert.deepEqual(
      r.people.map((p) => p.displayName),
      ["Amélie Poulain", "Bruno Da Silva, Jr.", "Chloé Martin"],
    );
    const bruno = r.people[1];
    assert.equal(bruno?.sourceKey, "linkedin.com/in/brunodasilva");
    assert.deepEqual(bruno?.emails, ["bruno@example.org"]);
    assert.equal(bruno?.organisation, "Acme, Inc.");
    assert.equal(bruno?.role, "Engineer");
    assert.deepEqual(r.people[0]?.emails, []);
  });
  it("parses 'Connected On' into a connection fact", () => {
    assert.equal(r.people[0]?.connectedAt?.toISOString(), "2024-02-03T00:00:00.000Z");
    const f = r.facts.find((x) => x.personKey === "linkedin.com/in/amelie-poulain-123");
    assert.equal(f?.kind, "connection");
    assert.equal(f?.direction, "both");
  });
  it("skips and counts deactivated profiles", () => {
    assert.equal(r.skipped.filter((s) => s.reason === "deactivated_profile").length, 2);
    assert.ok(r.warnings.some((w) => /2 deactivated/.test(w)));
  });
  it("warns about an unreadable date but keeps the person", () => {
    assert.equal(r.people[2]?.connectedAt, undefined);
    assert.ok(r.warnings.some((w) => /unreadable date/.test(w)));
  });
  it("gives the same result when streamed", async () => {
    const s = await streamLinkedInConnections(Readable.from([fixture("linkedin/Connections.csv")]));
    assert.deepEqual(s, r);
  });
  it("refuses another CSV as wrong_format", () => {
    assert.throws(
      () => parseLinkedInConnections("a,b\n1,2\n", "Connections.csv"),
      (e: unknown) =>
        e instanceof ImportFormatError && e.code === "wrong_format" && e.file === "Connections.csv",
    );
  });
});

describe("LinkedIn Invitations.csv", () => {
  it("turns invitations into facts and the message into howWeMet", () => {
    const r = parseLinkedInInvitations(fixtureText("linkedin/Invitations.csv"));
    const amelie = r.people.find((p) => p.sourceKey === "linkedin.com/in/amelie-poulain-123");
    assert.match(amelie?.howWeMet ?? "", /Paris meetup/);
    const facts = r.facts.map((f) => [f.personKey, f.direction, f.occurredAt.toISOString()]);
    assert.deepEqual(facts, [
      ["linkedin.com/in/amelie-poulain-123", "out", "2024-01-28T09:05:00.000Z"],
      ["linkedin.com/in/dmitri-ivanov", "in", "2024-03-02T18:40:00.000Z"],
    ]);
  });
  it("links the old URL-less format to connections by name", () => {
    const combined = combineLinkedIn([
      parseLinkedInConnections(fixtureText("linkedin/Connections.csv")),
      parseLinkedInInvitations(fixtureText("linkedin/Invitations-old.csv")),
    ]);
    const bruno = combined.people.filter((p) => /Bruno/.test(p.displayName));
    assert.equal(bruno.length, 1);
    assert.equal(bruno[0]?.howWeMet, "Great talk at the conference");
    const inv = combined.facts.find((f) => f.kind === "invitation");
    assert.equal(inv?.personKey, "linkedin.com/in/brunodasilva");
  });
});

describe("LinkedIn messages.csv", () => {
  const r = parseLinkedInMessages(fixtureText("linkedin/messages.csv"));
  const days = r.facts
    .map((f) => `${f.personKey} ${f.occurredAt.toISOString().slice(0, 10)} ${f.direction}`)
    .sort();

  it("infers the owner and makes one dm_day per person and day with direction", () => {
    assert.deepEqual(days, [
      "linkedin.com/in/amelie-poulain-123 2024-02-05 both",
      "linkedin.com/in/amelie-poulain-123 2024-02-07 in",
      "linkedin.com/in/brunodasilva 2024-02-06 out",
    ]);
    assert.ok(r.warnings.some((w) => /owner inferred as “Owner Person”/.test(w)));
    assert.ok(!r.people.some((p) => p.displayName === "Owner Person"));
  });
  it("skips drafts and rows with bad dates", () => {
    assert.deepEqual(r.skipped.map((s) => s.reason).sort(), ["bad_date", "draft"]);
  });
  it("accepts the owner as an option", () => {
    const o = parseLinkedInMessages(fixtureText("linkedin/messages.csv"), {
      owner: { profileUrl: "https://www.linkedin.com/in/amelie-poulain-123" },
    });
    const owner = o.facts
      .filter((f) => f.personKey === "linkedin.com/in/owner-person")
      .map((f) => f.direction);
    assert.deepEqual(owner.sort(), ["both", "out"]);
  });
  it("streams to the same result, in small chunks", async () => {
    const bytes = fixture("linkedin/messages.csv");
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) =>
      bytes.subarray(i * 7, i * 7 + 7),
    );
    const s = await streamLinkedInMessages(Readable.from(chunks));
    assert.deepEqual(s, r);
  });
  it("reports invalid UTF-8 in a stream as bad_encoding", async () => {
    const bad = Buffer.concat([fixture("linkedin/messages.csv"), Buffer.from([0xff, 0x0a])]);
    await assert.rejects(
      streamLinkedInMessages(Readable.from([bad])),
      (e: unknown) => e instanceof ImportFormatError && e.code === "bad_encoding",
    );
  });
});
