/**
 * The compact, persisted state of one tie, accumulated fact by fact (canonical order). It holds what the
 * stage machine, the strength and the nudges need without re-reading the ledger.
 */
import { type Cadence, cadenceFor } from "./cadence.ts";
import { contactRate, layerForRate } from "./layers.ts";
import { isDmKind, medianOfSorted, utcDay, weightOf } from "./ledger.ts";
import { DAY_MS, MULTIPLEXITY_WINDOW_DAYS, PERSONAL_KINDS, RECIPROCITY_WINDOW_DAYS } from "./params.ts";
import {
  clamp01,
  combine,
  decay,
  duration,
  halfLifeDays,
  intensity,
  matchedInitiative,
  multiplexity,
  reciprocity,
  type StrengthTerms,
  structure,
} from "./strength.ts";
import type { Channel, Fact, FactKind, Layer, Side, Stage, TieSettings } from "./types.ts";

export interface StageChange {
  readonly stage: Stage;
  readonly at: number;
}

interface DayState {
  day: number;
  kinds: FactKind[];
  dm: { firstAt: number; initiator: Side; both: boolean } | null;
}

export interface TieState {
  settings: TieSettings;
  stage: Stage;
  /** When the current stage began. */
  since: number | null;
  history: StageChange[];
  contactBy: Side | null;
  contactedAt: number | null;
  connectedAt: number | null;
  welcomedAt: number | null;
  consolidatingAt: number | null;
  establishedAt: number | null;
  /** No reciprocation within 30 days of the first contact. */
  firstContactUnanswered: boolean;
  firstAt: number | null;
  /** Last fact of any kind: the silence clock. */
  lastAt: number | null;
  lastInteractionAt: number | null;
  /** Last exchange each side took part in. */
  lastExchange: Record<Side, number | null>;
  /** Last personal 1:1 fact the owner took part in (welcome, follow-up, catch-up). */
  lastOwnerPersonalAt: number | null;
  lastMeetupAt: number | null;
  lastTopic: string | null;
  /** Activation A as of `activationAt`. */
  activation: number;
  activationAt: number;
  day: DayState | null;
  interactionDays: number;
  lastInteractionDay: number | null;
  /** Gaps between interaction-days, in days. */
  gaps: number[];
  /** Interaction-days of the current consolidation phase (from the first contact, or a reactivation). */
  phase: { firstDay: number | null; days: number; inPersonDays: number };
  /** Initiation times by side, within the reciprocity window. */
  initiations: Record<Side, number[]>;
  channelLastUsed: Partial<Record<Channel, number>>;
  /** Contact rate λ right after the last interaction: the tie's rhythm while it is silent. */
  rateAtLastInteraction: number;
  peakStrength: number;
}

export function initialState(settings: TieSettings = {}): TieState {
  return {
    settings: { ...settings },
    stage: "none",
    since: null,
    history: [],
    contactBy: null,
    contactedAt: null,
    connectedAt: null,
    welcomedAt: null,
    consolidatingAt: null,
    establishedAt: null,
    firstContactUnanswered: false,
    firstAt: null,
    lastAt: null,
    lastInteractionAt: null,
    lastExchange: { owner: null, other: null },
    lastOwnerPersonalAt: null,
    lastMeetupAt: null,
    lastTopic: null,
    activation: 0,
    activationAt: 0,
    day: null,
    interactionDays: 0,
    lastInteractionDay: null,
    gaps: [],
    phase: { firstDay: null, days: 0, inPersonDays: 0 },
    initiations: { owner: [], other: [] },
    channelLastUsed: {},
    rateAtLastInteraction: 0,
    peakStrength: 0,
  };
}

/** The effect of one raw fact once deduped: ignored, a new ledger entry, or a DM day turned both-ways. */
export type Effect =
  | { readonly type: "duplicate" }
  | { readonly type: "new"; readonly kind: FactKind }
  | { readonly type: "dm_upgrade"; readonly firstAt: number };

/** Dedupe a fact against the current day, as `dedupe` does over the whole ledger. */
export function dedupeEffect(state: TieState, fact: Fact): Effect {
  const day = utcDay(fact.occurredAt);
  if (state.day?.day !== day) state.day = { day, kinds: [], dm: null };
  const today = state.day;
  if (isDmKind(fact.kind)) {
    const dm = today.dm;
    if (dm === null) {
      today.dm = { firstAt: fact.occurredAt, initiator: fact.initiator, both: fact.kind === "dm_day_both" };
      return { type: "new", kind: fact.kind };
    }
    if (dm.both || (fact.kind !== "dm_day_both" && fact.initiator === dm.initiator)) {
      return { type: "duplicate" };
    }
    dm.both = true;
    return { type: "dm_upgrade", firstAt: dm.firstAt };
  }
  if (today.kinds.includes(fact.kind)) return { type: "duplicate" };
  today.kinds.push(fact.kind);
  return { type: "new", kind: fact.kind };
}

function insertSorted(values: number[], value: number): void {
  let i = values.length;
  while (i > 0 && (values[i - 1] ?? 0) > value) i -= 1;
  values.splice(i, 0, value);
}

function pruneBefore(times: number[], limit: number): void {
  while (times.length > 0 && (times[0] ?? 0) < limit) times.shift();
}

function countInteractionDay(state: TieState, day: number, kind: FactKind): void {
  if (state.lastInteractionDay !== day) {
    if (state.lastInteractionDay !== null) insertSorted(state.gaps, day - state.lastInteractionDay);
    state.interactionDays += 1;
    state.lastInteractionDay = day;
    state.phase.days += 1;
    state.phase.firstDay ??= day;
  }
  if (kind === "met_in_person") state.phase.inPersonDays += 1;
}

/** Add activation `weight` for a fact at `factAt` to A, bringing A to time `at`. */
function addActivation(state: TieState, weight: number, factAt: number, at: number): void {
  const h = halfLifeDays(state.settings.family);
  state.activation = state.activation * decay(at - state.activationAt, h) + weight * decay(at - factAt, h);
  state.activationAt = at;
  state.rateAtLastInteraction = contactRate(state.activation, h);
}

/** Record a deduped fact's counters (activation, days, initiations, channels, times). */
export function accumulate(state: TieState, fact: Fact, effect: Effect): void {
  const at = fact.occurredAt;
  state.firstAt ??= at;
  state.lastAt = at;
  if (fact.topic) state.lastTopic = fact.topic;
  if (effect.type === "dm_upgrade") {
    addActivation(state, weightOf("dm_day_both") - weightOf("dm_day_one_way"), effect.firstAt, at);
    state.lastInteractionAt = at;
    return;
  }
  if (effect.type !== "new" || weightOf(effect.kind) <= 0) return;
  addActivation(state, weightOf(effect.kind), at, at);
  state.lastInteractionAt = at;
  countInteractionDay(state, utcDay(at), effect.kind);
  state.initiations[fact.initiator].push(at);
  pruneBefore(state.initiations.owner, at - RECIPROCITY_WINDOW_DAYS * DAY_MS);
  pruneBefore(state.initiations.other, at - RECIPROCITY_WINDOW_DAYS * DAY_MS);
  state.channelLastUsed[fact.channel] = at;
  if (effect.kind === "meetup_coattended") state.lastMeetupAt = at;
}

/** Did the owner take part in this personal 1:1 fact? */
export function ownerPersonal(kind: FactKind, initiator: Side): boolean {
  return PERSONAL_KINDS.has(kind) && (initiator === "owner" || kind !== "dm_day_one_way");
}

/** Activation A at `nowMs`, decayed from the last interaction. */
export function stateActivation(state: TieState, nowMs: number): number {
  if (state.lastInteractionAt === null) return 0;
  return state.activation * decay(nowMs - state.activationAt, halfLifeDays(state.settings.family));
}

/** Contact rate λ at `nowMs`. */
export function stateRate(state: TieState, nowMs: number): number {
  return contactRate(stateActivation(state, nowMs), halfLifeDays(state.settings.family));
}

/** Index of the first sorted time greater than `value` (or ≥ it when `inclusive` is false). */
function bound(times: readonly number[], value: number, inclusive: boolean): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = times[mid] ?? 0;
    if (t < value || (inclusive && t === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the sorted `times` fall in [from, to]. */
function countBetween(times: readonly number[], from: number, to: number): number {
  return Math.max(0, bound(times, to, true) - bound(times, from, false));
}

const CHANNELS: readonly Channel[] = ["dm", "public", "meetup", "in_person", "call"];

function channelsBetween(lastUsed: Partial<Record<Channel, number>>, from: number, to: number): number {
  let count = 0;
  for (const channel of CHANNELS) {
    const t = lastUsed[channel];
    if (t !== undefined && t >= from && t <= to) count += 1;
  }
  return count;
}

/** The tie's strength terms at `nowMs`, from its state (agrees with `strength` over the same facts). */
export function stateInitiations(state: TieState, nowMs: number): Record<Side, number> {
  const from = nowMs - RECIPROCITY_WINDOW_DAYS * DAY_MS;
  return {
    owner: countBetween(state.initiations.owner, from, nowMs),
    other: countBetween(state.initiations.other, from, nowMs),
  };
}

/** The balance R = 1 − |out − in| / (out + in) at `nowMs` (stage rule and report, not strength). */
export function stateBalance(state: TieState, nowMs: number): number {
  const counts = stateInitiations(state, nowMs);
  return reciprocity(counts.owner, counts.other);
}

export function stateTerms(state: TieState, nowMs: number): StrengthTerms {
  const counts = stateInitiations(state, nowMs);
  return {
    intensity: intensity(stateActivation(state, nowMs)),
    duration: duration(state.firstAt, nowMs),
    reciprocity: matchedInitiative(counts.owner, counts.other),
    multiplexity: multiplexity(
      channelsBetween(state.channelLastUsed, nowMs - MULTIPLEXITY_WINDOW_DAYS * DAY_MS, nowMs),
    ),
    structure: structure(state.settings.mutualStrengths),
  };
}

/** Computed strength S at `nowMs` (without the closeness override). */
export function stateStrength(state: TieState, nowMs: number): number {
  return combine(stateTerms(state, nowMs));
}

/** Displayed strength: the owner's closeness override when set. */
export function displayedStrength(state: TieState, nowMs: number): number {
  const closeness = state.settings.closeness;
  return closeness === undefined ? stateStrength(state, nowMs) : clamp01(closeness);
}

/** The layer that sets the tie's rhythm: pinned, else from λ at the last interaction (uncapped). */
export function rhythmLayer(state: TieState): Layer {
  return state.settings.pinnedLayer ?? layerForRate(state.rateAtLastInteraction);
}

/** The tie's keep-in-touch cadence, from its settings, rhythm layer and median gap. */
export function tieCadence(state: TieState): Cadence {
  return cadenceFor({
    layer: rhythmLayer(state),
    family: state.settings.family,
    ownerCadenceDays: state.settings.cadenceDays,
    medianGapDays: medianOfSorted(state.gaps),
  });
}
