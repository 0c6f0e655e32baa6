import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseMastodonFollows, parseMastodonLists } from "../../../src/domain/imports/mastodon.ts";
import { combineResults, ImportFormatError } from "../../../src/domain/imports/model.ts";
import { ASOF, fixtureText } from "./helpers.ts";

describe("Mastodon CSV", () => {
  it("reads follows with header, leading @ and TRUE/false columns; dedupes; skips bad rows", () => {
    const r = parseMastodonFollows(fixtureText("mastodon/following_accounts.csv"), { asOf: ASOF });
    assert.deepEqual(
      r.people.map((p) => p.fediverseHandle),
      ["@alice@mastodon.example", "@Bob@fosstodon.example"],
    );
    assert.deepEqual(r.people[1]?.urls, ["https://fosstodon.example/@Bob"]);
    assert.equal(r.facts.length, 2);
    assert.ok(r.facts.every((f) => f.kind === "follow" && f.direction === "out" && f.undated));
    assert.deepEqual(r.skipped, [{ reason: "bad_address", line: 4 }]);
  });
  it("reads the two-column and the header-less variants", () => {
    assert.equal(
      parseMastodonFollows(fixtureText("mastodon/follows-two-columns.csv"), { asOf: ASOF }).people[0]
        ?.fediverseHandle,
      "@carol@social.example",
    );
    const bare = parseMastodonFollows(fixtureText("mastodon/export-renamed.txt.csv"), { asOf: ASOF });
    assert.deepEqual(
      bare.people.map((p) => p.sourceKey),
      ["acct:dave@hachyderm.example", "acct:erin@mastodon.example"],
    );
  });
  it("turns lists into tags, merged with follows", () => {
    const lists = parseMastodonLists(fixtureText("mastodon/lists.csv"));
    const alice = lists.people.find((p) => p.sourceKey === "acct:alice@mastodon.example");
    assert.deepEqual(alice?.tags, ["Close friends", "Tech"]);
    const merged = combineResults([
      parseMastodonFollows(fixtureText("mastodon/following_accounts.csv"), { asOf: ASOF }),
      lists,
    ]);
    assert.deepEqual(merged.people.find((p) => p.sourceKey === "acct:alice@mastodon.example")?.tags, [
      "Close friends",
      "Tech",
    ]);
  });
  it("refuses mutes and lists given as follows", () => {
    const wrong = (e: unknown) => e instanceof ImportFormatError && e.code === "wrong_format";
    assert.throws(() => parseMastodonFollows(fixtureText("mastodon/mutes.csv"), { asOf: ASOF }), wrong);
    assert.throws(() => parseMastodonFollows(fixtureText("mastodon/lists.csv"), { asOf: ASOF }), wrong);
    assert.throws(() => parseMastodonLists(fixtureText("mastodon/following_accounts.csv")), wrong);
  });
});
