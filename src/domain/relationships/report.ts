/** The network report (RELATIONSHIPS.md §6): how well does the owner use their network, over a period. */
import { assignLayers, type LayerAssignment, layerForRate } from "./layers.ts";
import { dedupe, factsUpTo, isInteraction, median, toMs, weightOf } from "./ledger.ts";
import {
  CAPPED_LAYERS,
  CONVERSATION_SILENCE_DAYS,
  DAY_MS,
  ESTABLISHED_WITHIN_DAYS,
  EXCHANGE_KINDS,
  HOUR_MS,
  LAYER_CAPS,
  MEETUP_FOLLOW_UP_HOURS,
  ONE_SIDED_MAX_RECIPROCITY,
  REPLY_WINDOW_DAYS,
  TYPICAL_EFFORT,
  WELCOME_WINDOW_DAYS,
} from "./params.ts";
import { stageOf } from "./stages.ts";
import { displayedStrength, ownerPersonal, stateBalance, stateRate, type TieState } from "./state.ts";
import { initiationCounts } from "./strength.ts";
import type { Clock, Fact, Layer, TieSettings } from "./types.ts";

export interface ReportTie {
  readonly id: string;
  readonly facts: readonly Fact[];
  readonly settings?: TieSettings;
  /** Where the tie began; derived from the first interaction's channel when absent. */
  readonly origin?: "online" | "offline";
  readonly sphere?: "personal" | "professional";
}

export interface Period {
  readonly from: Clock;
  readonly to: Clock;
}

/** count out of total; share is null when total is 0. Cases still inside their window are left out. */
export interface Ratio {
  readonly count: number;
  readonly total: number;
  readonly share: number | null;
}

export interface MonthFlow {
  /** "YYYY-MM" (UTC). */
  readonly month: string;
  readonly gained: number;
  readonly consolidated: number;
  readonly faded: number;
}

export interface NetworkReport {
  readonly initiative: {
    readonly conversationsStarted: Ratio;
    readonly firstContactsMade: number;
    readonly firstContactsUnanswered: number;
    readonly firstContactsPending: number;
  };
  readonly followThrough: {
    readonly welcomedWithin7Days: Ratio;
    readonly meetupFollowUpsWithin72Hours: Ratio;
    readonly establishedWithin90Days: Ratio;
  };
  readonly reciprocity: {
    readonly medianReciprocity: number | null;
    readonly incomingAnsweredWithin7Days: Ratio;
    readonly oneSidedTies: Ratio;
  };
  readonly shape: {
    readonly layers: readonly { layer: Layer; count: number; cumulative: number; cap: number | null }[];
    readonly effort: { closest5: number | null; next10: number | null; typical: typeof TYPICAL_EFFORT };
    readonly origin: { online: number; offline: number };
    readonly sphere: { personal: number; professional: number; unknown: number };
    readonly months: readonly MonthFlow[];
  };
}

interface Computed {
  readonly tie: ReportTie;
  readonly ledger: readonly Fact[];
  readonly state: TieState;
  readonly assignment: LayerAssignment;
}

export function ratio(count: number, total: number): Ratio {
  return { count, total, share: total === 0 ? null : count / total };
}

function within(at: number | null, from: number, to: number): at is number {
  return at !== null && at >= from && at <= to;
}

/** Share of conversations the owner started; a conversation starts after ≥ 14 days without exchange. */
function conversations(all: readonly Computed[], from: number, to: number): Ratio {
  let started = 0;
  let total = 0;
  for (const { ledger } of all) {
    let previous: number | null = null;
    for (const fact of ledger) {
      if (!EXCHANGE_KINDS.has(fact.kind)) continue;
      const isStart = previous === null || fact.occurredAt - previous >= CONVERSATION_SILENCE_DAYS * DAY_MS;
      if (isStart && within(fact.occurredAt, from, to)) {
        total += 1;
        if (fact.initiator === "owner") started += 1;
      }
      previous = fact.occurredAt;
    }
  }
  return ratio(started, total);
}

/** Among events in the period, how many were followed within `windowMs` (pending ones are left out). */
function followedWithin(
  events: readonly { at: number; doneAt: number | null }[],
  windowMs: number,
  to: number,
): Ratio {
  let count = 0;
  let total = 0;
  for (const { at, doneAt } of events) {
    const done = doneAt !== null && doneAt - at <= windowMs;
    if (!done && at + windowMs > to) continue;
    total += 1;
    if (done) count += 1;
  }
  return ratio(count, total);
}

function firstAfter(ledger: readonly Fact[], at: number, test: (fact: Fact) => boolean): number | null {
  for (const fact of ledger) if (fact.occurredAt > at && test(fact)) return fact.occurredAt;
  return null;
}

function meetupFollowUps(all: readonly Computed[], from: number, to: number): Ratio {
  const events: { at: number; doneAt: number | null }[] = [];
  for (const { ledger } of all) {
    for (const fact of ledger) {
      if (fact.kind !== "meetup_coattended" || !within(fact.occurredAt, from, to)) continue;
      const doneAt = firstAfter(ledger, fact.occurredAt, (f) => ownerPersonal(f.kind, f.initiator));
      events.push({ at: fact.occurredAt, doneAt });
    }
  }
  return followedWithin(events, MEETUP_FOLLOW_UP_HOURS * HOUR_MS, to);
}

function incomingAnswered(all: readonly Computed[], from: number, to: number): Ratio {
  const events: { at: number; doneAt: number | null }[] = [];
  for (const { ledger } of all) {
    for (const fact of ledger) {
      const incoming =
        (fact.kind === "dm_day_one_way" || fact.kind === "dm_day_both") && fact.initiator === "other";
      if (!incoming || !within(fact.occurredAt, from, to)) continue;
      const doneAt =
        fact.kind === "dm_day_both"
          ? fact.occurredAt
          : firstAfter(ledger, fact.occurredAt, (f) => f.initiator === "owner" && EXCHANGE_KINDS.has(f.kind));
      events.push({ at: fact.occurredAt, doneAt });
    }
  }
  return followedWithin(events, REPLY_WINDOW_DAYS * DAY_MS, to);
}

function reciprocitySection(all: readonly Computed[], from: number, to: number) {
  const values: number[] = [];
  for (const { ledger, state } of all) {
    const counts = initiationCounts(ledger, to);
    if (counts.owner + counts.other > 0) values.push(stateBalance(state, to));
  }
  const oneSided = values.filter((r) => r < ONE_SIDED_MAX_RECIPROCITY).length;
  return {
    medianReciprocity: median(values),
    incomingAnsweredWithin7Days: incomingAnswered(all, from, to),
    oneSidedTies: ratio(oneSided, values.length),
  };
}

function layerCounts(all: readonly Computed[]) {
  let cumulative = 0;
  return ([...CAPPED_LAYERS, 500] as Layer[]).map((layer) => {
    const count = all.filter((c) => c.assignment.layer === layer).length;
    cumulative += count;
    return { layer, count, cumulative, cap: layer === 500 ? null : LAYER_CAPS[layer] };
  });
}

/** Share of the owner's effort (weights of facts they took part in, in the period) on layers 5 and 15. */
function effort(all: readonly Computed[], from: number, to: number) {
  const byLayer = new Map<Layer, number>();
  let total = 0;
  for (const { ledger, assignment } of all) {
    for (const fact of ledger) {
      if (!isInteraction(fact) || !within(fact.occurredAt, from, to)) continue;
      if (fact.initiator !== "owner" && !ownerPersonal(fact.kind, "other")) continue;
      const weight = weightOf(fact.kind);
      total += weight;
      byLayer.set(assignment.layer, (byLayer.get(assignment.layer) ?? 0) + weight);
    }
  }
  const share = (layer: Layer) => (total === 0 ? null : (byLayer.get(layer) ?? 0) / total);
  return { closest5: share(5), next10: share(15), typical: TYPICAL_EFFORT };
}

function originOf(c: Computed): "online" | "offline" {
  if (c.tie.origin) return c.tie.origin;
  const first = c.ledger.find(isInteraction);
  return first && (first.channel === "in_person" || first.channel === "meetup") ? "offline" : "online";
}

function monthKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

function months(all: readonly Computed[], from: number, to: number): MonthFlow[] {
  const flows = new Map<string, { gained: number; consolidated: number; faded: number }>();
  const cursor = new Date(Date.UTC(new Date(from).getUTCFullYear(), new Date(from).getUTCMonth(), 1));
  for (; cursor.getTime() <= to; cursor.setUTCMonth(cursor.getUTCMonth() + 1)) {
    flows.set(monthKey(cursor.getTime()), { gained: 0, consolidated: 0, faded: 0 });
  }
  const bump = (at: number | null, field: "gained" | "consolidated" | "faded") => {
    const flow = within(at, from, to) ? flows.get(monthKey(at)) : undefined;
    if (flow) flow[field] += 1;
  };
  for (const { state } of all) {
    bump(state.contactedAt, "gained");
    bump(state.establishedAt, "consolidated");
    for (const change of state.history) if (change.stage === "fading") bump(change.at, "faded");
  }
  return [...flows].map(([month, flow]) => ({ month, ...flow }));
}

function compute(ties: readonly ReportTie[], to: number): Computed[] {
  const states = ties.map((tie) => {
    const settings = tie.settings ?? {};
    const state = stageOf(settings, tie.facts, to);
    return { tie, ledger: dedupe(factsUpTo(tie.facts, to)), state };
  });
  const assignments = assignLayers(
    states.map(({ tie, state }) => {
      const layer = layerForRate(stateRate(state, to));
      const pinned = tie.settings?.pinnedLayer;
      const strength = displayedStrength(state, to);
      return pinned === undefined
        ? { id: tie.id, layer, strength }
        : { id: tie.id, layer, strength, pinnedLayer: pinned };
    }),
  );
  return states
    .map((s, i) => ({ ...s, assignment: assignments[i] as LayerAssignment }))
    .filter((c) => c.state.stage !== "none");
}

/** The network report over a period, computed at the period's end. */
export function networkReport(ties: readonly ReportTie[], period: Period): NetworkReport {
  const from = toMs(period.from);
  const to = toMs(period.to);
  const all = compute(ties, to);
  const made = all.filter((c) => c.state.contactBy === "owner" && within(c.state.contactedAt, from, to));
  const answeredOrDue = (c: Computed) => c.state.firstContactUnanswered || c.state.connectedAt !== null;
  const connected = all.filter((c) => within(c.state.connectedAt, from, to));
  const contacted = all.filter((c) => within(c.state.contactedAt, from, to));
  return {
    initiative: {
      conversationsStarted: conversations(all, from, to),
      firstContactsMade: made.length,
      firstContactsUnanswered: made.filter((c) => c.state.firstContactUnanswered).length,
      firstContactsPending: made.filter((c) => !answeredOrDue(c)).length,
    },
    followThrough: {
      welcomedWithin7Days: followedWithin(
        connected.map((c) => ({ at: c.state.connectedAt ?? 0, doneAt: c.state.welcomedAt })),
        WELCOME_WINDOW_DAYS * DAY_MS,
        to,
      ),
      meetupFollowUpsWithin72Hours: meetupFollowUps(all, from, to),
      establishedWithin90Days: followedWithin(
        contacted.map((c) => ({ at: c.state.contactedAt ?? 0, doneAt: c.state.establishedAt })),
        ESTABLISHED_WITHIN_DAYS * DAY_MS,
        to,
      ),
    },
    reciprocity: reciprocitySection(all, from, to),
    shape: {
      layers: layerCounts(all),
      effort: effort(all, from, to),
      origin: {
        online: all.filter((c) => originOf(c) === "online").length,
        offline: all.filter((c) => originOf(c) === "offline").length,
      },
      sphere: {
        personal: all.filter((c) => c.tie.sphere === "personal").length,
        professional: all.filter((c) => c.tie.sphere === "professional").length,
        unknown: all.filter((c) => c.tie.sphere === undefined).length,
      },
      months: months(all, from, to),
    },
  };
}
