import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  dedupe,
  interactionDays,
  median,
  medianGapDays,
  utcDay,
} from "../../../src/domain/relationships/ledger.ts";
import { arbFact, at, fact } from "./helpers.ts";

describe("ledger dedupe", () => {
  it("keeps one fact per kind per UTC day, the earliest", () => {
    const facts = [
      fact("comment", "other", at(0, 5)),
      fact("comment", "owner", at(0, 1)),
      fact("comment", "other", at(1, 1)),
      fact("reaction", "other", at(0, 2)),
    ];
    const out = dedupe(facts);
    assert.equal(out.length, 3);
    assert.deepEqual(out[0], fact("comment", "owner", at(0, 1)));
  });

  it("uses UTC days: 23:59 and 00:01 UTC are two days", () => {
    const late = Date.UTC(2024, 4, 1, 23, 59);
    const early = Date.UTC(2024, 4, 2, 0, 1);
    assert.equal(dedupe([fact("reply", "owner", late), fact("reply", "owner", early)]).length, 2);
  });

  it("collapses one-way DMs from both sides into a both-ways day at the first DM's time", () => {
    const out = dedupe([
      fact("dm_day_one_way", "owner", at(0, 1)),
      fact("dm_day_one_way", "other", at(0, 3)),
    ]);
    assert.deepEqual(out, [fact("dm_day_both", "owner", at(0, 1))]);
  });

  it("never counts a day both one-way and both-ways", () => {
    const out = dedupe([fact("dm_day_one_way", "other", at(0, 1)), fact("dm_day_both", "owner", at(0, 2))]);
    assert.deepEqual(out, [fact("dm_day_both", "other", at(0, 1))]);
  });

  it("keeps a one-way day one-way when the same side writes again", () => {
    const out = dedupe([
      fact("dm_day_one_way", "owner", at(0, 1)),
      fact("dm_day_one_way", "owner", at(0, 4)),
    ]);
    assert.deepEqual(out, [fact("dm_day_one_way", "owner", at(0, 1))]);
  });

  it("property: at most one fact per kind per day, idempotent, all from the input days", () => {
    fc.assert(
      fc.property(fc.array(arbFact, { maxLength: 80 }), (facts) => {
        const out = dedupe(facts);
        const keys = out.map((f) => `${utcDay(f.occurredAt)}:${f.kind}`);
        assert.equal(new Set(keys).size, keys.length);
        const dmDays = out.filter((f) => f.kind.startsWith("dm_")).map((f) => utcDay(f.occurredAt));
        assert.equal(new Set(dmDays).size, dmDays.length);
        assert.deepEqual(dedupe(out), out);
        const inputTimes = new Set(facts.map((f) => f.occurredAt));
        for (const f of out) assert.ok(inputTimes.has(f.occurredAt));
      }),
    );
  });
});

describe("interaction-days and median gap", () => {
  it("counts days with an interaction, not link facts", () => {
    const facts = [
      fact("follow", "owner", at(0)),
      fact("reply", "owner", at(2)),
      fact("reaction", "other", at(2, 3)),
      fact("call", "other", at(5)),
    ];
    assert.deepEqual(
      interactionDays(facts).map((d) => d - utcDay(at(0))),
      [2, 5],
    );
  });

  it("median gap between interaction-days", () => {
    const facts = [0, 10, 30, 31, 61].map((d) => fact("reply", "owner", at(d)));
    assert.equal(medianGapDays(facts), 15); // gaps 1, 10, 20, 30 → (10 + 20) / 2
    assert.equal(medianGapDays([fact("reply", "owner", at(0))]), null);
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([]), null);
  });
});
