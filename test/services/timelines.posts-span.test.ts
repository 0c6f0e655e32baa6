import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { v7 as uuidv7 } from "uuid";
import { postsSpan, type TimelineEntry } from "../../src/services/timelines/entries.ts";

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 10, 27);
const at = (days: number) => uuidv7({ msecs: NOW - days * DAY_MS });
const postAt = (days: number): TimelineEntry => {
  const id = at(days);
  return { entryId: id, postId: id, sourceId: "author" };
};
const boostAt = (days: number): TimelineEntry => ({
  entryId: at(days),
  postId: at(1000),
  sourceId: "booster",
});

describe("how long a network takes to write the posts of a rebuild", () => {
  it("is the time its posts covered, per post, times the posts wanted", () => {
    // 11 posts a day apart: 10 days for 10 intervals, so 400 posts take 400 days.
    const entries = Array.from({ length: 11 }, (_, i) => postAt(i + 5));
    assert.equal(postsSpan(entries, 400), 400 * DAY_MS);
    assert.equal(postsSpan(entries.reverse(), 20), 20 * DAY_MS);
  });

  it("leaves the boosts out: they have a window of their own", () => {
    const entries = [postAt(0), boostAt(0.5), postAt(1), boostAt(30), postAt(2)];
    assert.equal(postsSpan(entries, 4), 4 * DAY_MS);
  });

  it("is a millisecond at least, however close the posts", () => {
    const id = at(1);
    const twin = { entryId: id.replace(/.$/, "f"), postId: id.replace(/.$/, "f"), sourceId: "author" };
    assert.equal(postsSpan([{ entryId: id, postId: id, sourceId: "author" }, twin], 400), 1);
  });

  it("is unknown below two posts", () => {
    assert.equal(postsSpan([], 400), null);
    assert.equal(postsSpan([postAt(3), boostAt(1)], 400), null);
  });
});
