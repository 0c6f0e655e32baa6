/** The interaction ledger: canonical order, dedupe (one fact per kind, per tie, per UTC day), interaction-days. */
import { DAY_MS, KIND_WEIGHTS } from "./params.ts";
import type { Clock, Fact, FactKind, Side } from "./types.ts";

const KIND_RANK: Readonly<Record<string, number>> = Object.fromEntries(
  Object.keys(KIND_WEIGHTS).map((kind, i) => [kind, i]),
);

export function toMs(clock: Clock): number {
  return typeof clock === "number" ? clock : clock.getTime();
}

/** The UTC day number of an instant (days since the epoch). */
export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function weightOf(kind: FactKind): number {
  return KIND_WEIGHTS[kind];
}

export function isInteraction(fact: Fact): boolean {
  return KIND_WEIGHTS[fact.kind] > 0;
}

export function isDmKind(kind: FactKind): boolean {
  return kind === "dm_day_both" || kind === "dm_day_one_way";
}

export function opposite(side: Side): Side {
  return side === "owner" ? "other" : "owner";
}

/** Optional texts in a fixed order, absent first. */
function compareText(a: string | undefined, b: string | undefined): number {
  return a === b ? 0 : a === undefined ? -1 : b === undefined ? 1 : a < b ? -1 : 1;
}

/**
 * Canonical order: time, then kind (heaviest first), then owner before other, then the remaining
 * fields, so that facts of the same millisecond come in one order whatever order they were read in:
 * which of them a day keeps must not depend on it (a DM day kept with or without its topic).
 */
export function compareFacts(a: Fact, b: Fact): number {
  return (
    a.occurredAt - b.occurredAt ||
    (KIND_RANK[a.kind] ?? 0) - (KIND_RANK[b.kind] ?? 0) ||
    (a.initiator === b.initiator ? 0 : a.initiator === "owner" ? -1 : 1) ||
    compareText(a.channel, b.channel) ||
    compareText(a.topic, b.topic) ||
    compareText(a.sourceId, b.sourceId)
  );
}

export function sortFacts(facts: readonly Fact[]): Fact[] {
  return [...facts].sort(compareFacts);
}

/**
 * At most one fact per kind, per tie, per UTC day, keeping the earliest (§1). Direct-message facts of one
 * day collapse into a single DM day: "both ways" if a both-ways fact exists or both sides sent one-way
 * facts that day, with the time and initiator of the day's first DM (a day is never counted 0.3 + 0.5).
 * `facts` are the facts of one tie. The result is in canonical order.
 */
export function dedupe(facts: readonly Fact[]): Fact[] {
  const out: Fact[] = [];
  const seen = new Map<string, number>();
  for (const fact of sortFacts(facts)) {
    const dm = isDmKind(fact.kind);
    const key = `${utcDay(fact.occurredAt)}:${dm ? "dm" : fact.kind}`;
    const index = seen.get(key);
    if (index === undefined) {
      seen.set(key, out.length);
      out.push(fact);
      continue;
    }
    const first = out[index];
    if (dm && first && first.kind === "dm_day_one_way" && upgradesDmDay(first, fact)) {
      out[index] = { ...first, kind: "dm_day_both" };
    }
  }
  return out;
}

/** Does `later` turn a one-way DM day started by `first` into a both-ways day? */
export function upgradesDmDay(first: Fact, later: Fact): boolean {
  return later.kind === "dm_day_both" || later.initiator !== first.initiator;
}

/** Facts that happened at or before `now` (a future fact is ignored everywhere). */
export function factsUpTo(facts: readonly Fact[], nowMs: number): Fact[] {
  return facts.filter((fact) => fact.occurredAt <= nowMs);
}

/** Sorted distinct UTC days that hold at least one interaction (a fact of weight > 0). */
export function interactionDays(facts: readonly Fact[]): number[] {
  const days = new Set<number>();
  for (const fact of facts) if (isInteraction(fact)) days.add(utcDay(fact.occurredAt));
  return [...days].sort((a, b) => a - b);
}

/** Gaps, in days, between consecutive interaction-days. */
export function dayGaps(days: readonly number[]): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < days.length; i += 1) gaps.push((days[i] ?? 0) - (days[i - 1] ?? 0));
  return gaps;
}

/** Median of numbers (mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  return medianOfSorted([...values].sort((a, b) => a - b));
}

/** Median of values already sorted ascending. */
export function medianOfSorted(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/** Median gap, in days, between the interaction-days of one tie's facts; null with fewer than two days. */
export function medianGapDays(facts: readonly Fact[]): number | null {
  return median(dayGaps(interactionDays(facts)));
}
