import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { closingCost } from "../../src/services/timelines/fanout-write.ts";

describe("the cost of ending a fan-out transaction, learned as it goes", () => {
  it("knows nothing before the first transaction: the first one inserts for its whole slice", () => {
    assert.equal(closingCost().of(40), 0);
  });

  it("takes the first measure as it is, then follows the next ones halfway", () => {
    const closing = closingCost();
    closing.learn(4, 40);
    assert.equal(closing.of(40), 4);
    assert.equal(closing.of(10), 1, "per person written to");
    closing.learn(1, 40);
    assert.equal(closing.of(40), 2.5);
  });

  it("counts a transaction that wrote to nobody as one person", () => {
    const closing = closingCost();
    closing.learn(2, 0);
    assert.equal(closing.of(1), 2);
  });
});
