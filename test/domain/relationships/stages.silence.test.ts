import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rhythmLayer, tieCadence } from "../../../src/domain/relationships/state.ts";
import type { Fact, TieSettings } from "../../../src/domain/relationships/types.ts";
import { at, both, DAY_MS, establishedFacts, fact } from "./helpers.ts";

const facts = establishedFacts(); // established on day 4, last fact on day 4
const last = at(4);
const stageAfter = (settings: TieSettings, silentDays: number, extraMs = 0, more: Fact[] = []) =>
  both(settings, [...facts, ...more], last + silentDays * DAY_MS + extraMs).stage;

describe("established → fading at 2C, fading → dormant at min(8C, 3 years)", () => {
  const table: [TieSettings, number | null, number][] = [
    [{ pinnedLayer: 5 }, 14, 56],
    [{ pinnedLayer: 15 }, 60, 240],
    [{ pinnedLayer: 50 }, 360, 1095],
    [{ pinnedLayer: 150 }, 730, 1095],
    [{ pinnedLayer: 500 }, null, 1095],
    [{ pinnedLayer: 5, family: true }, 28, 112],
    [{ pinnedLayer: 15, family: true }, 120, 480],
  ];
  for (const [settings, fading, dormant] of table) {
    it(`${JSON.stringify(settings)}: fading after ${fading} days, dormant after ${dormant}`, () => {
      if (fading !== null) {
        assert.equal(stageAfter(settings, fading), "established");
        assert.equal(stageAfter(settings, fading, 1), "fading");
      } else {
        assert.equal(stageAfter(settings, dormant), "established");
      }
      assert.notEqual(stageAfter(settings, dormant), "dormant");
      assert.equal(stageAfter(settings, dormant, 1), "dormant");
    });
  }

  it("the rhythm layer comes from λ at the last interaction, not the decayed one", () => {
    const s = both({}, facts, at(900));
    assert.equal(rhythmLayer(s), 50);
    assert.equal(s.stage, "fading");
    assert.equal(s.since, last + 360 * DAY_MS);
  });

  it("going silent passes through fading before dormant", () => {
    const s = both({ pinnedLayer: 15 }, facts, at(400));
    assert.deepEqual(
      s.history.slice(-2).map((h) => [h.stage, (h.at - last) / DAY_MS]),
      [
        ["fading", 60],
        ["dormant", 240],
      ],
    );
  });

  it("median-gap rule: a tie usually silent 20 days fades after 40, not 14", () => {
    const rhythm = [24, 44, 64, 84, 104].map((d) => fact("call", "other", at(d)));
    const s = both({ pinnedLayer: 5 }, [...facts, ...rhythm], at(104));
    assert.deepEqual(tieCadence(s), { days: 20, source: "median_gap" });
    assert.equal(both({ pinnedLayer: 5 }, [...facts, ...rhythm], at(144)).stage, "established");
    assert.equal(both({ pinnedLayer: 5 }, [...facts, ...rhythm], at(144) + 1).stage, "fading");
  });

  it("the owner's cadence sets the thresholds", () => {
    assert.equal(stageAfter({ cadenceDays: 10 }, 20), "established");
    assert.equal(stageAfter({ cadenceDays: 10 }, 20, 1), "fading");
    assert.equal(stageAfter({ cadenceDays: 10 }, 80, 1), "dormant");
  });

  it("any interaction resets the clock", () => {
    const reaction = [fact("reaction", "other", at(50))];
    assert.equal(stageAfter({ pinnedLayer: 15 }, 100, 0, reaction), "established");
    assert.equal(stageAfter({ pinnedLayer: 15 }, 106, 1, reaction), "fading");
  });
});

describe("reactivation", () => {
  it("fading → established on a reciprocated interaction, not on a one-sided one", () => {
    const settings = { pinnedLayer: 15 } as const;
    const ownerTry = fact("dm_day_one_way", "owner", at(80));
    assert.equal(both(settings, [...facts, ownerTry], at(81)).stage, "fading");
    const answer = fact("dm_day_one_way", "other", at(82));
    const s = both(settings, [...facts, ownerTry, answer], at(83));
    assert.equal(s.stage, "established");
    assert.equal(s.since, at(82));
  });

  it("dormant → consolidating when reactivated; a one-sided attempt is not enough", () => {
    const settings = { pinnedLayer: 5 } as const;
    assert.equal(both(settings, [...facts, fact("comment", "owner", at(100))], at(101)).stage, "dormant");
    const s = both(settings, [...facts, fact("call", "owner", at(100))], at(101));
    assert.equal(s.stage, "consolidating");
    assert.deepEqual(s.phase, { firstDay: Math.floor(at(100) / DAY_MS), days: 1, inPersonDays: 0 });
  });

  it("a reactivated tie consolidates again from its new phase", () => {
    const settings = { pinnedLayer: 5 } as const;
    const again = [100, 101, 102].map((d) => fact("dm_day_both", "other", at(d)));
    const meet = fact("met_in_person", "owner", at(103));
    assert.equal(both(settings, [...facts, ...again], at(102, 1)).stage, "consolidating");
    assert.equal(both(settings, [...facts, ...again, meet], at(103, 1)).stage, "established");
  });
});

describe("consolidating ties fade too (spec fix)", () => {
  it("a consolidating tie silent > 2C is fading, and a coffee makes it established", () => {
    const base = [
      fact("connection_request", "owner", at(0)),
      fact("connection_accepted", "other", at(0, 1)),
      fact("dm_day_one_way", "owner", at(1)),
      fact("dm_day_one_way", "other", at(2)),
    ];
    const settings = { cadenceDays: 30 };
    assert.equal(both(settings, base, at(3)).stage, "consolidating");
    assert.equal(both(settings, base, at(2 + 60)).stage, "consolidating");
    assert.equal(both(settings, base, at(2 + 60, 1)).stage, "fading");
    assert.equal(both(settings, base, at(72)).stage, "fading");
    const coffee = fact("met_in_person", "owner", at(72));
    assert.equal(both(settings, [...base, coffee], at(72, 1)).stage, "established");
  });
});

describe("early stages go dormant too", () => {
  it("a first contact left alone for more than 3 years is dormant", () => {
    const request = [fact("connection_request", "owner", at(0))];
    assert.equal(both({}, request, at(1095)).stage, "contacted");
    assert.equal(both({}, request, at(1095) + 1).stage, "dormant");
  });
});
