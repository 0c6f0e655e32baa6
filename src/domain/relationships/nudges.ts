/** The short, ranked daily list of nudges (RELATIONSHIPS.md §4, §5). Pure: state and clock in, list out. */
import { toMs } from "./ledger.ts";
import {
  CONSOLIDATION_WINDOW_DAYS,
  DAILY_NUDGE_COUNT,
  DATE_LEAD_DAYS,
  DAY_MS,
  FOLLOW_UP_AFTER_DAYS,
  HOUR_MS,
  MEETUP_FOLLOW_UP_HOURS,
  ONCE_STRONG_MIN_PEAK,
  RECONNECT_EVERY_MONTHS,
  RECONNECT_WINDOW_DAYS,
  WELCOME_NUDGE_AFTER_HOURS,
  WELCOME_WINDOW_DAYS,
} from "./params.ts";
import { stateStrength, type TieState } from "./state.ts";
import type { Clock } from "./types.ts";

export type NudgeKind =
  | "meetup_follow_up"
  | "welcome"
  | "important_date"
  | "follow_up"
  | "catch_up"
  | "reconnect";

/** Ranking order of kinds: the most time-bound first. */
const KIND_RANK: readonly NudgeKind[] = [
  "meetup_follow_up",
  "welcome",
  "important_date",
  "follow_up",
  "catch_up",
  "reconnect",
];

/** A birthday (with or without year) or a custom yearly date the owner recorded. */
export interface ImportantDate {
  readonly kind: "birthday" | "custom";
  /** 1..12 */
  readonly month: number;
  /** 1..31 */
  readonly day: number;
  readonly year?: number;
  readonly label?: string;
}

export interface NudgeTie {
  readonly id: string;
  readonly state: TieState;
  readonly howWeMet?: string;
  readonly dates?: readonly ImportantDate[];
}

export interface NudgeContext {
  readonly howWeMet?: string;
  readonly lastTopic?: string;
  readonly strength?: number;
  readonly peakStrength?: number;
  readonly date?: ImportantDate;
  /** Years since the date's year (age, anniversary), when the year is known. */
  readonly years?: number;
}

export interface Nudge {
  /** Stable identity of this nudge instance: kind, tie and the moment it is anchored to. */
  readonly key: string;
  readonly kind: NudgeKind;
  readonly tieId: string;
  /** The moment the nudge is about (connection, meetup, welcome, fading, quarter, date). */
  readonly anchorAt: number;
  /** Rank within its kind: higher first. */
  readonly score: number;
  readonly context: NudgeContext;
}

export type NudgeAction =
  | { readonly key: string; readonly type: "dismissed" }
  | { readonly key: string; readonly type: "snoozed"; readonly until: number };

export interface NudgeOptions {
  readonly limit?: number;
  readonly actions?: readonly NudgeAction[];
}

function make(
  kind: NudgeKind,
  tie: NudgeTie,
  anchorAt: number,
  score: number,
  extra: NudgeContext = {},
): Nudge {
  const context: NudgeContext = {
    ...(tie.howWeMet === undefined ? {} : { howWeMet: tie.howWeMet }),
    ...(tie.state.lastTopic === null ? {} : { lastTopic: tie.state.lastTopic }),
    ...extra,
  };
  return { key: `${kind}:${tie.id}:${anchorAt}`, kind, tieId: tie.id, anchorAt, score, context };
}

/** Has the owner reached out personally after `at`? (the asked interaction happened) */
function ownerReachedOutAfter(state: TieState, at: number): boolean {
  return state.lastOwnerPersonalAt !== null && state.lastOwnerPersonalAt > at;
}

/** "Welcome X": connected, not yet welcomed, from 24 h after the connection until the 7-day window closes. */
export function welcomeNudge(tie: NudgeTie, nowMs: number): Nudge | null {
  const { stage, connectedAt } = tie.state;
  if (stage !== "connected" || connectedAt === null) return null;
  const age = nowMs - connectedAt;
  if (age < WELCOME_NUDGE_AFTER_HOURS * HOUR_MS || age > WELCOME_WINDOW_DAYS * DAY_MS) return null;
  return make("welcome", tie, connectedAt, age);
}

/** Follow up with someone met at a meetup, within 72 h, until the owner reaches out. */
export function meetupNudge(tie: NudgeTie, nowMs: number): Nudge | null {
  const met = tie.state.lastMeetupAt;
  if (met === null || nowMs < met || nowMs - met > MEETUP_FOLLOW_UP_HOURS * HOUR_MS) return null;
  if (tie.state.stage === "dormant" || ownerReachedOutAfter(tie.state, met)) return null;
  return make("meetup_follow_up", tie, met, nowMs - met);
}

/** One follow-up 14 days after the welcome, while not consolidating, unless the owner wrote in the last 14 days. */
export function followUpNudge(tie: NudgeTie, nowMs: number): Nudge | null {
  const { stage, welcomedAt } = tie.state;
  if (stage !== "welcomed" || welcomedAt === null) return null;
  const age = nowMs - welcomedAt;
  if (age < FOLLOW_UP_AFTER_DAYS * DAY_MS || age > CONSOLIDATION_WINDOW_DAYS * DAY_MS) return null;
  if (ownerReachedOutAfter(tie.state, nowMs - FOLLOW_UP_AFTER_DAYS * DAY_MS)) return null;
  return make("follow_up", tie, welcomedAt, age);
}

/** "Catch up" with a fading tie, with the last topic, ranked by (peak S − current S). */
export function catchUpNudge(tie: NudgeTie, nowMs: number): Nudge | null {
  const { stage, since, peakStrength } = tie.state;
  if (stage !== "fading" || since === null || ownerReachedOutAfter(tie.state, since)) return null;
  const current = stateStrength(tie.state, nowMs);
  return make("catch_up", tie, since, peakStrength - current, { strength: current, peakStrength });
}

/** Start of the calendar quarter (UTC) holding `nowMs`. */
export function quarterStart(nowMs: number): number {
  const d = new Date(nowMs);
  const month = d.getUTCMonth() - (d.getUTCMonth() % RECONNECT_EVERY_MONTHS);
  return Date.UTC(d.getUTCFullYear(), month, 1);
}

/** The reconnect list joins the daily list during the first days of each quarter. */
export function isReconnectWindow(nowMs: number): boolean {
  return nowMs - quarterStart(nowMs) < RECONNECT_WINDOW_DAYS * DAY_MS;
}

/** Reconnect with a dormant, once-strong tie (peak S ≥ 0.5), once per quarter. */
export function reconnectNudge(tie: NudgeTie, nowMs: number): Nudge | null {
  const { stage, peakStrength } = tie.state;
  const quarter = quarterStart(nowMs);
  if (stage !== "dormant" || peakStrength < ONCE_STRONG_MIN_PEAK) return null;
  if (ownerReachedOutAfter(tie.state, quarter)) return null;
  return make("reconnect", tie, quarter, peakStrength, { peakStrength });
}

/** The quarterly reconnect list (all of it, strongest past first). */
export function reconnectList(ties: readonly NudgeTie[], now: Clock): Nudge[] {
  const nowMs = toMs(now);
  return ties
    .map((tie) => reconnectNudge(tie, nowMs))
    .filter((n): n is Nudge => n !== null)
    .sort((a, b) => b.score - a.score);
}

/** The next occurrence (UTC midnight) of a yearly date on or after `dayStart`; Feb 29 falls on Feb 28. */
export function nextOccurrence(date: ImportantDate, dayStart: number): number {
  const year = new Date(dayStart).getUTCFullYear();
  const on = (y: number) => {
    const last = new Date(Date.UTC(y, date.month, 0)).getUTCDate();
    return Date.UTC(y, date.month - 1, Math.min(date.day, last));
  };
  const thisYear = on(year);
  return thisYear >= dayStart ? thisYear : on(year + 1);
}

/** Birthdays and custom dates, from DATE_LEAD_DAYS before through the day itself. */
export function dateNudges(tie: NudgeTie, nowMs: number): Nudge[] {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const nudges: Nudge[] = [];
  for (const date of tie.dates ?? []) {
    const at = nextOccurrence(date, today);
    if (at - today > DATE_LEAD_DAYS * DAY_MS) continue;
    const years = date.year === undefined ? undefined : new Date(at).getUTCFullYear() - date.year;
    const extra: NudgeContext = years === undefined ? { date } : { date, years };
    const nudge = make("important_date", tie, at, -(at - today), extra);
    nudges.push({ ...nudge, key: `${nudge.key}:${date.kind}:${date.label ?? ""}` });
  }
  return nudges;
}

/** Every nudge that applies today, unfiltered and unranked. */
export function candidateNudges(ties: readonly NudgeTie[], now: Clock): Nudge[] {
  const nowMs = toMs(now);
  const reconnect = isReconnectWindow(nowMs);
  const out: Nudge[] = [];
  for (const tie of ties) {
    const single = [welcomeNudge, meetupNudge, followUpNudge, catchUpNudge].map((f) => f(tie, nowMs));
    if (reconnect) single.push(reconnectNudge(tie, nowMs));
    for (const nudge of single) if (nudge !== null) out.push(nudge);
    out.push(...dateNudges(tie, nowMs));
  }
  return out;
}

function hidden(actions: readonly NudgeAction[], nowMs: number): Set<string> {
  const keys = new Set<string>();
  for (const action of actions) {
    if (action.type === "dismissed" || nowMs < action.until) keys.add(action.key);
  }
  return keys;
}

export function compareNudges(a: Nudge, b: Nudge): number {
  return (
    KIND_RANK.indexOf(a.kind) - KIND_RANK.indexOf(b.kind) ||
    b.score - a.score ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** The ranked daily list (default 5), without dismissed or still-snoozed nudges. */
export function dailyNudges(ties: readonly NudgeTie[], now: Clock, options: NudgeOptions = {}): Nudge[] {
  const nowMs = toMs(now);
  const skip = hidden(options.actions ?? [], nowMs);
  return candidateNudges(ties, nowMs)
    .filter((nudge) => !skip.has(nudge.key))
    .sort(compareNudges)
    .slice(0, options.limit ?? DAILY_NUDGE_COUNT);
}
