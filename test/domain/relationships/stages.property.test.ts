import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { compareFacts } from "../../../src/domain/relationships/ledger.ts";
import { DORMANT_MAX_DAYS } from "../../../src/domain/relationships/params.ts";
import { advance, applyFact, stageOf } from "../../../src/domain/relationships/stages.ts";
import { initialState, type TieState } from "../../../src/domain/relationships/state.ts";
import type { Fact, TieSettings } from "../../../src/domain/relationships/types.ts";
import { arbDenseFact, arbFact, arbSettings, DAY_MS } from "./helpers.ts";

/**
 * Apply facts one at a time as a service would: the clock at each write is somewhere between the fact
 * and the next one, and the periodic job sometimes lets the clock run in between.
 */
function replay(
  settings: TieSettings,
  sorted: readonly Fact[],
  clocks: readonly number[],
  end: number,
): TieState {
  let state = initialState(settings);
  sorted.forEach((f, i) => {
    const next = sorted[i + 1]?.occurredAt ?? end;
    const room = Math.max(0, next - f.occurredAt - 1);
    const r = clocks[i % Math.max(1, clocks.length)] ?? 0;
    state = applyFact(state, f, f.occurredAt + Math.floor(room * r));
    if (r > 0.5) state = advance(state, f.occurredAt + Math.floor(room * (r - 0.5)));
  });
  return advance(state, end);
}

const arbHistory = fc.oneof(fc.array(arbFact, { maxLength: 60 }), fc.array(arbDenseFact, { maxLength: 120 }));
const arbClocks = fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1 });

describe("stage machine properties", () => {
  it("facts of the same millisecond give one state whatever order they are read in (found by the property below)", () => {
    const at = Date.UTC(2027, 11, 1, 12);
    const withTopic: Fact = {
      kind: "dm_day_both",
      initiator: "owner",
      channel: "dm",
      occurredAt: at,
      topic: "jobs",
    };
    const without: Fact = { kind: "dm_day_both", initiator: "owner", channel: "dm", occurredAt: at };
    const settings = {};
    assert.deepStrictEqual(
      stageOf(settings, [withTopic, without], at + DAY_MS),
      stageOf(settings, [without, withTopic], at + DAY_MS),
    );
    assert.deepStrictEqual(
      replay(settings, [withTopic, without].sort(compareFacts), [0], at + DAY_MS),
      stageOf(settings, [withTopic, without], at + DAY_MS),
    );
  });

  it("incremental (applyFact + advance) == recompute from the full ledger (stageOf)", () => {
    fc.assert(
      fc.property(
        arbHistory,
        arbSettings,
        arbClocks,
        fc.integer({ min: 0, max: 4 * 365 }),
        (facts, settings, clocks, tail) => {
          const sorted = [...facts].sort(compareFacts);
          const end = (sorted.at(-1)?.occurredAt ?? 0) + tail * DAY_MS;
          const shuffled = [...facts].reverse();
          assert.deepStrictEqual(replay(settings, sorted, clocks, end), stageOf(settings, shuffled, end));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the stages reached are all reachable in random dense histories (the test above is not vacuous)", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(arbDenseFact, { maxLength: 120 }), arbSettings, (facts, settings) => {
        const end = Math.max(0, ...facts.map((f) => f.occurredAt)) + 400 * DAY_MS;
        for (const h of stageOf(settings, facts, end).history) seen.add(h.stage);
      }),
      { numRuns: 300 },
    );
    for (const stage of [
      "contacted",
      "connected",
      "welcomed",
      "consolidating",
      "established",
      "fading",
      "dormant",
    ]) {
      assert.ok(seen.has(stage), `never reached ${stage}`);
    }
  });

  it("a tie with no facts for (more than) 3 years is dormant", () => {
    fc.assert(
      fc.property(
        fc.array(arbFact, { minLength: 1, maxLength: 60 }),
        arbSettings,
        fc.integer({ min: 1, max: 5 * 365 * DAY_MS }),
        (facts, settings, extra) => {
          const last = Math.max(...facts.map((f) => f.occurredAt));
          const state = stageOf(settings, facts, last + DORMANT_MAX_DAYS * DAY_MS + extra);
          assert.equal(state.stage, "dormant");
        },
      ),
    );
  });
});
