import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  cadenceFor,
  dormantAfterDays,
  fadingAfterDays,
  layerCadenceDays,
  nextSuggestedAt,
  silenceStatus,
} from "../../../src/domain/relationships/cadence.ts";
import { DAY_MS } from "./helpers.ts";

describe("cadences (§3 table)", () => {
  it("default cadences per layer, and family", () => {
    assert.deepEqual(
      ([5, 15, 50, 150, 500] as const).map((l) => layerCadenceDays(l)),
      [7, 30, 180, 365, null],
    );
    assert.deepEqual(
      ([5, 15, 50, 150, 500] as const).map((l) => layerCadenceDays(l, true)),
      [14, 60, 180, 365, null],
    );
    assert.deepEqual(cadenceFor({ layer: 15, family: true }), { days: 60, source: "family" });
    assert.deepEqual(cadenceFor({ layer: 50, family: true }), { days: 180, source: "layer" });
    assert.deepEqual(cadenceFor({ layer: 500 }), { days: null, source: "event_driven" });
  });

  it("fading at 2C and dormant at min(8C, 3 years), as in the table", () => {
    const rows = ([5, 15, 50, 150, 500] as const).map((l) => {
      const c = layerCadenceDays(l);
      return [fadingAfterDays(c), dormantAfterDays(c)];
    });
    assert.deepEqual(rows, [
      [14, 56],
      [60, 240],
      [360, 1095],
      [730, 1095],
      [null, 1095],
    ]);
    assert.deepEqual([fadingAfterDays(14), dormantAfterDays(14)], [28, 112]);
    assert.deepEqual([fadingAfterDays(60), dormantAfterDays(60)], [120, 480]);
  });

  it("median-gap rule: a longer usual gap replaces C, a shorter one does not", () => {
    assert.deepEqual(cadenceFor({ layer: 5, medianGapDays: 20 }), { days: 20, source: "median_gap" });
    assert.deepEqual(cadenceFor({ layer: 5, medianGapDays: 3 }), { days: 7, source: "layer" });
    assert.deepEqual(cadenceFor({ layer: 500, medianGapDays: 3000 }), { days: null, source: "event_driven" });
  });

  it("the owner's cadence wins over layer and median gap", () => {
    assert.deepEqual(cadenceFor({ layer: 5, medianGapDays: 20, ownerCadenceDays: 3 }), {
      days: 3,
      source: "owner",
    });
    assert.deepEqual(cadenceFor({ layer: 500, ownerCadenceDays: 90 }), { days: 90, source: "owner" });
  });

  it("next suggested moment = last interaction + cadence", () => {
    assert.equal(nextSuggestedAt(1000, 7), 1000 + 7 * DAY_MS);
    assert.equal(nextSuggestedAt(null, 7), null);
    assert.equal(nextSuggestedAt(1000, null), null);
  });

  it("silence status crosses strictly after each threshold", () => {
    assert.equal(silenceStatus(14 * DAY_MS, 7), "ok");
    assert.equal(silenceStatus(14 * DAY_MS + 1, 7), "fading");
    assert.equal(silenceStatus(56 * DAY_MS + 1, 7), "dormant");
    assert.equal(silenceStatus(1095 * DAY_MS, null), "ok");
    assert.equal(silenceStatus(1095 * DAY_MS + 1, null), "dormant");
  });
});
