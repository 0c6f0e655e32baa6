import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ImportFormatError } from "../../../src/domain/imports/model.ts";
import { parseTwitterArchive, parseYtd, type TwitterFile } from "../../../src/domain/imports/twitter.ts";
import { ASOF, fixtureText } from "./helpers.ts";

const names = [
  "account.js",
  "following.js",
  "following-part1.js",
  "follower.js",
  "tweets.js",
  "tweet.js",
  "direct-messages.js",
  "direct-messages-group.js",
];
const files: TwitterFile[] = names.map((n) => ({
  name: `data/${n}`,
  text: fixtureText(`twitter/data/${n}`),
}));

describe("X/Twitter archive", () => {
  const r = parseTwitterArchive(files, { asOf: ASOF });
  const person = (id: string) => r.people.find((p) => p.sourceKey === id);

  it("reads follows from every part, undated at asOf", () => {
    const follows = r.facts.filter((f) => f.kind === "follow").map((f) => f.personKey);
    assert.deepEqual(follows.sort(), ["201", "202", "203"]);
    const followers = r.facts.filter((f) => f.kind === "follower").map((f) => f.personKey);
    assert.deepEqual(followers.sort(), ["201", "204"]);
    assert.ok(r.facts.filter((f) => f.kind !== "dm_day").every((f) => f.undated && f.occurredAt === ASOF));
  });
  it("recovers names and screen names from mentions and replies (tweets.js and older tweet.js)", () => {
    assert.equal(person("201")?.displayName, "Alice Developer");
    assert.deepEqual(person("201")?.urls, ["https://x.com/alice_dev"]);
    assert.equal(person("202")?.displayName, "Bob Codes");
    assert.equal(person("204")?.displayName, "@carol_c");
    assert.equal(person("203")?.displayName, "X account 203");
    assert.ok(r.warnings.some((w) => /only by number/.test(w)));
  });
  it("turns DMs (1:1 and group) into dm_day facts with direction", () => {
    const dms = r.facts
      .filter((f) => f.kind === "dm_day")
      .map((f) => `${f.personKey} ${f.occurredAt.toISOString().slice(0, 10)} ${f.direction}`)
      .sort();
    assert.deepEqual(dms, [
      "201 2024-02-10 both",
      "201 2024-02-12 in",
      "202 2024-03-01 both",
      "203 2024-03-01 out",
      "205 2023-12-24 out",
    ]);
    assert.ok(!person("100"), "the owner is not imported as a contact");
  });
  it("infers the owner from DMs without account.js", () => {
    const noAccount = parseTwitterArchive(files.slice(1), { asOf: ASOF });
    assert.equal(noAccount.facts.filter((f) => f.kind === "dm_day").length, 5);
  });
  it("never evaluates code: a function expression is refused as data", () => {
    const evil = fixtureText("twitter/evil.js");
    assert.throws(
      () => parseTwitterArchive([{ name: "data/following.js", text: evil }], { asOf: ASOF }),
      (e: unknown) =>
        e instanceof ImportFormatError && e.code === "wrong_format" && e.file === "data/following.js",
    );
    assert.equal((globalThis as Record<string, unknown>).pwned, undefined);
  });
  it("reports a cut file as truncated", () => {
    const cut = fixtureText("twitter/data/following.js").slice(0, 80);
    assert.throws(
      () => parseYtd(cut, "following.js"),
      (e: unknown) => e instanceof ImportFormatError && e.code === "truncated",
    );
  });
});
