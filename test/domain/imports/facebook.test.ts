import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isFacebookFriendsPath, parseFacebookFriends } from "../../../src/domain/imports/facebook.ts";
import { ImportFormatError } from "../../../src/domain/imports/model.ts";
import { fixtureText } from "./helpers.ts";

describe("Facebook friends", () => {
  const r = parseFacebookFriends(fixtureText("facebook/your_friends.json"));

  it("repairs mojibake and leaves correct names alone", () => {
    assert.deepEqual(
      r.people.map((p) => p.displayName),
      ["Inès Dubois", "Jürgen Müller", "Plain Ascii", "Zoë Correct"],
    );
  });
  it("dates friendships from Unix seconds", () => {
    const f = r.facts[0];
    assert.equal(f?.kind, "friendship");
    assert.equal(f?.direction, "both");
    assert.equal(f?.occurredAt.toISOString(), new Date(1707000000 * 1000).toISOString());
    assert.equal(r.people[0]?.connectedAt?.getTime(), 1707000000 * 1000);
  });
  it("gives stable keys and skips nameless entries", () => {
    const again = parseFacebookFriends(fixtureText("facebook/your_friends.json"));
    assert.deepEqual(
      again.people.map((p) => p.sourceKey),
      r.people.map((p) => p.sourceKey),
    );
    assert.equal(new Set(r.people.map((p) => p.sourceKey)).size, 4);
    assert.deepEqual(r.skipped, [{ reason: "no_name", ref: "#5" }]);
  });
  it("reads the older `friends` key and its contact email", () => {
    assert.equal(
      parseFacebookFriends(fixtureText("facebook/friends_and_followers_friends.json")).people[0]?.displayName,
      "Old Format Friend",
    );
    const oldest = parseFacebookFriends(fixtureText("facebook/friends_oldest.json"));
    assert.deepEqual(oldest.people[0]?.emails, ["oldest@example.net"]);
  });
  it("knows every historical location", () => {
    for (const p of [
      "facebook-me/connections/friends/your_friends.json",
      "friends_and_followers/friends.json",
      "friends/friends.json",
    ]) {
      assert.ok(isFacebookFriendsPath(p), p);
    }
    assert.ok(!isFacebookFriendsPath("messages/inbox/x.json"));
  });
  it("reports truncated JSON and other JSON clearly", () => {
    assert.throws(
      () =>
        parseFacebookFriends(fixtureText("facebook/your_friends.json").slice(0, 120), "your_friends.json"),
      (e: unknown) =>
        e instanceof ImportFormatError && e.code === "truncated" && e.file === "your_friends.json",
    );
    assert.throws(
      () => parseFacebookFriends('{"posts": []}'),
      (e: unknown) => e instanceof ImportFormatError && e.code === "wrong_format",
    );
  });
});
