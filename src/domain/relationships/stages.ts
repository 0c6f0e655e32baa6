/**
 * The stage machine (RELATIONSHIPS.md §4): contacted → connected → welcomed → consolidating → established
 * → fading → dormant, with reactivation. One transition function, two drivers: `stageOf` recomputes from
 * the full ledger, `applyFact` updates incrementally; they agree (see the property test).
 */
import { dormantAfterDays, fadingAfterDays } from "./cadence.ts";
import { factsUpTo, opposite, sortFacts, toMs, utcDay } from "./ledger.ts";
import {
  CONTACT_UNANSWERED_DAYS,
  DAY_MS,
  ESTABLISHED_RULE,
  EXCHANGE_KINDS,
  LINK_KINDS,
  MUTUAL_KINDS,
  REPLY_WINDOW_DAYS,
} from "./params.ts";
import {
  accumulate,
  dedupeEffect,
  type Effect,
  initialState,
  ownerPersonal,
  stateBalance,
  stateStrength,
  stateTerms,
  type TieState,
  tieCadence,
} from "./state.ts";
import { combine } from "./strength.ts";
import type { Clock, Fact, FactKind, Side, Stage, TieSettings } from "./types.ts";

/** A deduped fact as the stage machine sees it. */
interface StageEvent {
  readonly kind: FactKind;
  readonly initiator: Side;
  readonly at: number;
  readonly day: number;
  /** An exchange both sides took part in: mutual by nature, or answering the other side within 7 days. */
  readonly reciprocated: boolean;
  readonly ownerPersonal: boolean;
}

function toEvent(state: TieState, fact: Fact, effect: Effect): StageEvent {
  const kind: FactKind = effect.type === "new" ? effect.kind : "dm_day_both";
  const answered = state.lastExchange[opposite(fact.initiator)];
  const answers = answered !== null && fact.occurredAt - answered <= REPLY_WINDOW_DAYS * DAY_MS;
  return {
    kind,
    initiator: fact.initiator,
    at: fact.occurredAt,
    day: utcDay(fact.occurredAt),
    reciprocated: EXCHANGE_KINDS.has(kind) && (MUTUAL_KINDS.has(kind) || answers),
    ownerPersonal: ownerPersonal(kind, fact.initiator),
  };
}

function recordExchange(state: TieState, event: StageEvent): void {
  if (EXCHANGE_KINDS.has(event.kind)) {
    if (MUTUAL_KINDS.has(event.kind)) {
      state.lastExchange = { owner: event.at, other: event.at };
    } else {
      state.lastExchange[event.initiator] = event.at;
    }
  }
  if (event.ownerPersonal) state.lastOwnerPersonalAt = event.at;
}

function setStage(state: TieState, stage: Stage, at: number): void {
  state.stage = stage;
  state.since = at;
  state.history.push({ stage, at });
  if (stage === "contacted") state.contactedAt ??= at;
  if (stage === "connected") state.connectedAt ??= at;
  if (stage === "welcomed") state.welcomedAt ??= at;
  if (stage === "consolidating") state.consolidatingAt ??= at;
  if (stage === "established") state.establishedAt ??= at;
}

/** The other side reciprocates a first contact (a mutual link, their answer, or a second meeting). */
function reciprocatesContact(state: TieState, event: StageEvent): boolean {
  if (event.kind === "connection_accepted") return true;
  const answer = LINK_KINDS.has(event.kind) || EXCHANGE_KINDS.has(event.kind);
  if (event.initiator !== state.contactBy && answer) return true;
  const contactDay = state.contactedAt === null ? event.day : utcDay(state.contactedAt);
  return MUTUAL_KINDS.has(event.kind) && event.day > contactDay;
}

/** ≥ 5 interaction-days over ≥ 45 days with R ≥ 0.3 and S ≥ 0.35, or 1 in-person day + 3 other days. */
export function meetsEstablishedRule(state: TieState, at: number): boolean {
  const rule = ESTABLISHED_RULE;
  const { firstDay, days, inPersonDays } = state.phase;
  if (inPersonDays >= rule.inPersonDays && days >= rule.inPersonDays + rule.otherDays) return true;
  if (days < rule.minInteractionDays || firstDay === null || state.lastInteractionDay === null) return false;
  if (state.lastInteractionDay - firstDay < rule.minSpanDays) return false;
  return stateBalance(state, at) >= rule.minReciprocity && combine(stateTerms(state, at)) >= rule.minStrength;
}

function restartPhase(state: TieState, event: StageEvent): void {
  const inPerson = state.day?.kinds.includes("met_in_person") === true;
  state.phase = { firstDay: event.day, days: 1, inPersonDays: inPerson ? 1 : 0 };
}

/** The stage this event moves the tie to, or null. */
function transition(state: TieState, event: StageEvent): Stage | null {
  switch (state.stage) {
    case "none":
      return "contacted";
    case "contacted":
      return reciprocatesContact(state, event) ? "connected" : null;
    case "connected":
      return event.ownerPersonal ? "welcomed" : null;
    case "welcomed": {
      const welcomeDay = utcDay(state.welcomedAt ?? event.at);
      return event.reciprocated && event.day > welcomeDay ? "consolidating" : null;
    }
    case "consolidating":
      return meetsEstablishedRule(state, event.at) ? "established" : null;
    case "fading":
      return event.reciprocated ? "established" : null;
    case "dormant":
      return event.reciprocated ? "consolidating" : null;
    default:
      return null;
  }
}

function applyTransitions(state: TieState, event: StageEvent): void {
  for (let i = 0; i < 8; i += 1) {
    const next = transition(state, event);
    if (next === null) return;
    if (state.stage === "none") state.contactBy = event.initiator;
    if (state.stage === "dormant") restartPhase(state, event);
    setStage(state, next, event.at);
  }
}

/** Let the clock run to `nowMs`: first contact unanswered, fading at 2C, dormant at min(8C, 3 years). */
export function advanceInPlace(state: TieState, nowMs: number): void {
  const unansweredAt = (state.contactedAt ?? nowMs) + CONTACT_UNANSWERED_DAYS * DAY_MS;
  if (state.contactedAt !== null && state.connectedAt === null && nowMs > unansweredAt) {
    state.firstContactUnanswered = true;
  }
  if (state.stage === "none" || state.stage === "dormant" || state.lastAt === null) return;
  const cadence = tieCadence(state).days;
  const fadingMs = (fadingAfterDays(cadence) ?? Number.POSITIVE_INFINITY) * DAY_MS;
  const dormantMs = dormantAfterDays(cadence) * DAY_MS;
  const silent = nowMs - state.lastAt;
  // Spec fix: a consolidating tie left silent > 2C fades too (the §4 table names only established,
  // yet its "fading → established" and issue #6's journey need it; a tie in consolidation that goes
  // silent is the one a catch-up helps most). Its reciprocated reactivation makes it established.
  const fades = state.stage === "established" || state.stage === "consolidating";
  if (fades && fadingMs < dormantMs && silent > fadingMs) {
    setStage(state, "fading", state.lastAt + fadingMs);
  }
  if (silent > dormantMs) setStage(state, "dormant", state.lastAt + dormantMs);
}

/** Process one fact (in canonical order) into a state, mutating it. */
export function stepInPlace(state: TieState, fact: Fact): void {
  advanceInPlace(state, fact.occurredAt);
  const effect = dedupeEffect(state, fact);
  if (effect.type === "duplicate") return;
  const event = toEvent(state, fact, effect);
  accumulate(state, fact, effect);
  recordExchange(state, event);
  applyTransitions(state, event);
  if (state.lastInteractionAt === fact.occurredAt) {
    state.peakStrength = Math.max(state.peakStrength, stateStrength(state, fact.occurredAt));
  }
}

/** Recompute a tie's state from its full ledger and the clock. Facts after `now` are ignored. */
export function stageOf(tie: TieSettings, facts: readonly Fact[], now: Clock): TieState {
  const nowMs = toMs(now);
  const state = initialState(tie);
  for (const fact of sortFacts(factsUpTo(facts, nowMs))) stepInPlace(state, fact);
  advanceInPlace(state, nowMs);
  return state;
}

/**
 * Incremental update when a fact is written. Facts must arrive in time order: an older fact (an import)
 * needs `stageOf` over the full ledger, and a fact after `now` is refused.
 */
export function applyFact(state: TieState, fact: Fact, now: Clock): TieState {
  const nowMs = toMs(now);
  if (fact.occurredAt > nowMs) throw new RangeError("fact is in the future");
  if (state.lastAt !== null && fact.occurredAt < state.lastAt) {
    throw new RangeError("fact is older than the tie's last fact: recompute with stageOf");
  }
  const next = structuredClone(state);
  stepInPlace(next, fact);
  advanceInPlace(next, nowMs);
  return next;
}

/** The periodic job: let the clock run (decay to fading/dormant) without a new fact. */
export function advance(state: TieState, now: Clock): TieState {
  const next = structuredClone(state);
  advanceInPlace(next, toMs(now));
  return next;
}
