import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { removeFromThread, subtreeOf, type ThreadPost } from "../../src/domain/posts/thread-removal.ts";

/** A thread from "child<parent" pairs ("r" is the root); "*" marks a placeholder already there. */
function thread(...links: string[]): ThreadPost[] {
  const posts: ThreadPost[] = [{ id: "r", parentId: null, deleted: false, replyCount: 0 }];
  for (const link of links) {
    const [child = "", parent = ""] = link.split("<");
    posts.push({ id: child.replace("*", ""), parentId: parent, deleted: child.endsWith("*"), replyCount: 0 });
  }
  // Stored counts as they were: live direct replies.
  for (const p of posts) p.replyCount = posts.filter((c) => c.parentId === p.id && !c.deleted).length;
  return posts;
}

const outcome = (posts: ThreadPost[], goes: string[]) => {
  const r = removeFromThread(posts, new Set(goes));
  return {
    remove: r.remove.sort(),
    blank: r.blank.sort(),
    counts: Object.fromEntries(r.replyCounts),
    comments: r.commentCount,
  };
};

describe("removing comments from a thread", () => {
  it("removes a comment with nothing left under it", () => {
    assert.deepEqual(outcome(thread("a<r", "b<r"), ["a"]), {
      remove: ["a"],
      blank: [],
      counts: { r: 1 },
      comments: 1,
    });
  });

  it("keeps a placeholder above a reply that stays, and removes the other replies that go", () => {
    // a (goes) has b (stays) and c (goes, with d going under it).
    assert.deepEqual(outcome(thread("a<r", "b<a", "c<a", "d<c"), ["a", "c", "d"]), {
      remove: ["c", "d"],
      blank: ["a"],
      counts: { r: 0, a: 1 },
      comments: 1,
    });
  });

  it("keeps a chain of placeholders above a deep reply, and removes it when the reply goes", () => {
    const posts = thread("a*<r", "b*<a", "c<b", "e<r");
    assert.deepEqual(outcome(posts, []), { remove: [], blank: [], counts: {}, comments: 2 });
    assert.deepEqual(outcome(posts, ["c"]), {
      remove: ["a", "b", "c"],
      blank: [],
      counts: {},
      comments: 1,
    });
  });

  it("blanks a comment whose only reply that stays is under an older placeholder", () => {
    assert.deepEqual(outcome(thread("a<r", "b*<a", "c<b"), ["a"]).blank, ["a"]);
  });

  it("never removes the root, and finds a comment's subtree", () => {
    const posts = thread("a<r", "b<a", "c<b", "d<r");
    assert.throws(() => removeFromThread(posts, new Set(["r"])));
    assert.deepEqual([...subtreeOf(posts, "a")].sort(), ["a", "b", "c"]);
  });
});
