import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { mutualWeight, rankSuggestions } from "../../src/domain/suggestions.ts";

/** Signals of a candidate reached through mutual connections of these sizes. */
function viaMutuals(degrees: number[]) {
  return { mutualCount: degrees.length, mutualScore: degrees.reduce((sum, d) => sum + mutualWeight(d), 0) };
}

describe("ranking people you may know", () => {
  it("counts a mutual connection who knows few people more than a hub", () => {
    const ranked = rankSuggestions(
      [
        { id: "via-hub", ...viaMutuals([5000]), sharedTags: [], contactName: null },
        { id: "via-close-friend", ...viaMutuals([12]), sharedTags: [], contactName: null },
      ],
      10,
    );
    assert.deepEqual(
      ranked.map((r) => r.id),
      ["via-close-friend", "via-hub"],
    );
  });

  it("puts a contact who joined first and explains every suggestion", () => {
    const ranked = rankSuggestions(
      [
        { id: "a", ...viaMutuals([10, 20, 30]), sharedTags: ["jazz"], contactName: null },
        { id: "b", ...viaMutuals([]), sharedTags: [], contactName: "Dana from the bakery" },
        { id: "c", ...viaMutuals([]), sharedTags: [], contactName: null },
      ],
      10,
    );
    assert.deepEqual(
      ranked.map((r) => r.id),
      ["b", "a"],
      "no signal, no suggestion",
    );
    assert.deepEqual(ranked[1]?.reasons, [
      { kind: "mutual", count: 3 },
      { kind: "tags", tags: ["jazz"] },
    ]);
  });

  it("never ranks a candidate lower for having one more mutual connection", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 10_000 }),
        (degrees, extra) => {
          const score = (d: number[]) =>
            rankSuggestions([{ id: "x", ...viaMutuals(d), sharedTags: [], contactName: null }], 1)[0]
              ?.score ?? 0;
          return score([...degrees, extra]) > score(degrees);
        },
      ),
    );
    assert.ok(mutualWeight(1) > 0 && mutualWeight(1) === mutualWeight(2));
  });
});
