import assert from "node:assert/strict";
import fc from "fast-check";
import { compareFacts } from "../../../src/domain/relationships/ledger.ts";
import { DAY_MS, HOUR_MS } from "../../../src/domain/relationships/params.ts";
import { advance, applyFact, stageOf } from "../../../src/domain/relationships/stages.ts";
import { initialState, type TieState } from "../../../src/domain/relationships/state.ts";
import type {
  Channel,
  Fact,
  FactKind,
  Layer,
  Side,
  TieSettings,
} from "../../../src/domain/relationships/types.ts";

export { DAY_MS, HOUR_MS };

/** 2024-01-01 09:00 UTC. */
export const T0 = Date.UTC(2024, 0, 1, 9);

export function at(days: number, hours = 0): number {
  return T0 + days * DAY_MS + hours * HOUR_MS;
}

export const KINDS: readonly FactKind[] = [
  "met_in_person",
  "call",
  "introduction",
  "help",
  "dm_day_both",
  "meetup_coattended",
  "dm_day_one_way",
  "reply",
  "mention",
  "comment",
  "reaction",
  "boost",
  "connection_request",
  "connection_accepted",
  "follow",
];

export function channelOf(kind: FactKind): Channel {
  if (kind === "met_in_person") return "in_person";
  if (kind === "call") return "call";
  if (kind === "meetup_coattended") return "meetup";
  if (kind === "dm_day_both" || kind === "dm_day_one_way" || kind === "introduction" || kind === "help") {
    return "dm";
  }
  return "public";
}

export function fact(kind: FactKind, initiator: Side, occurredAt: number, extra: Partial<Fact> = {}): Fact {
  return { kind, initiator, channel: channelOf(kind), occurredAt, ...extra };
}

/** Feed facts one by one through applyFact (clock = each fact's time), then advance to `now`. */
export function incremental(settings: TieSettings, facts: readonly Fact[], now: number): TieState {
  let state = initialState(settings);
  for (const f of [...facts].sort(compareFacts)) state = applyFact(state, f, f.occurredAt);
  return advance(state, now);
}

/** Recompute and incremental must agree: return the state after checking both give the same. */
export function both(settings: TieSettings, facts: readonly Fact[], now: number): TieState {
  const recomputed = stageOf(settings, facts, now);
  assert.deepStrictEqual(incremental(settings, facts, now), recomputed);
  return recomputed;
}

/**
 * A tie that becomes established on day `start + 4` through the in-person rule:
 * request, accept, owner welcome DM, other's answer, a coffee, a both-ways DM day.
 */
export function establishedFacts(start = 0): Fact[] {
  return [
    fact("connection_request", "owner", at(start)),
    fact("connection_accepted", "other", at(start, 1)),
    fact("dm_day_one_way", "owner", at(start + 1)),
    fact("dm_day_one_way", "other", at(start + 2)),
    fact("met_in_person", "owner", at(start + 3)),
    fact("dm_day_both", "owner", at(start + 4), { topic: "the move to Lyon" }),
  ];
}

export const arbKind = fc.constantFrom(...KINDS);
export const arbSide = fc.constantFrom<Side>("owner", "other");
export const arbLayer = fc.constantFrom<Layer>(5, 15, 50, 150, 500);

/** A fact within ~4 years of T0, with minute resolution so that same-day collisions happen. */
export const arbFact: fc.Arbitrary<Fact> = fc
  .record({
    kind: arbKind,
    initiator: arbSide,
    minute: fc.integer({ min: 0, max: 4 * 365 * 24 * 60 }),
    topic: fc.option(fc.constantFrom("jobs", "kids", "climbing"), { nil: undefined }),
  })
  .map(({ kind, initiator, minute, topic }) =>
    fact(kind, initiator, T0 + minute * 60_000, topic === undefined ? {} : { topic }),
  );

/** Dense histories: many facts over a few months, to reach the later stages. */
export const arbDenseFact: fc.Arbitrary<Fact> = fc
  .record({ kind: arbKind, initiator: arbSide, hour: fc.integer({ min: 0, max: 200 * 24 }) })
  .map(({ kind, initiator, hour }) => fact(kind, initiator, T0 + hour * HOUR_MS));

export const arbSettings: fc.Arbitrary<TieSettings> = fc.record(
  {
    family: fc.boolean(),
    pinnedLayer: arbLayer,
    cadenceDays: fc.integer({ min: 1, max: 800 }),
    mutualStrengths: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }),
  },
  { requiredKeys: [] },
);
