import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  canBoost,
  canSeePost,
  effectiveVisibility,
  type RelationName,
  relationNamed,
  VISIBILITIES,
  visibilitiesForReply,
} from "../../src/domain/posts/visibility.ts";
import { EXPECTED } from "../services/posts.fixtures.ts";

describe("post visibility: the one rule", () => {
  for (const visibility of VISIBILITIES) {
    for (const [relation, expected] of Object.entries(EXPECTED[visibility])) {
      it(`${visibility} post, ${relation}: ${expected ? "sees it" : "does not"}`, () => {
        assert.equal(canSeePost({ visibility }, relationNamed(relation as RelationName)), expected);
      });
    }
  }

  it("a block wins over everything else, even being mentioned or a connection", () => {
    for (const visibility of VISIBILITIES) {
      assert.equal(
        canSeePost(
          { visibility },
          {
            anonymous: false,
            author: false,
            mentioned: true,
            connection: true,
            follower: true,
            blocked: true,
          },
        ),
        false,
      );
    }
  });

  it("a reply is never wider than what it answers", () => {
    for (const parent of VISIBILITIES) {
      for (const chosen of VISIBILITIES) {
        const effective = effectiveVisibility(chosen, parent);
        assert.ok(
          VISIBILITIES.indexOf(effective) >= VISIBILITIES.indexOf(parent),
          `${chosen} under ${parent}`,
        );
        assert.ok(VISIBILITIES.indexOf(effective) >= VISIBILITIES.indexOf(chosen));
        // whoever sees the reply also sees the parent (same audience owner)
        for (const relation of Object.keys(EXPECTED.public) as RelationName[]) {
          const r = relationNamed(relation);
          if (relation === "mentioned") continue; // mentions are per post
          if (canSeePost({ visibility: effective }, r)) assert.ok(canSeePost({ visibility: parent }, r));
        }
      }
      assert.deepEqual(visibilitiesForReply(parent)[0], parent);
    }
    assert.equal(effectiveVisibility("public", null), "public");
    assert.equal(effectiveVisibility("public", "connections"), "connections");
    assert.equal(effectiveVisibility("mentioned", "public"), "mentioned");
  });

  it("only public posts can be boosted", () => {
    assert.deepEqual(
      VISIBILITIES.filter((visibility) => canBoost({ visibility })),
      ["public"],
    );
  });
});
