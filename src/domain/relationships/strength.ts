/** Tie strength S in 0..1, with its explanation (RELATIONSHIPS.md §2). */
import { dedupe, factsUpTo, isInteraction, toMs, weightOf } from "./ledger.ts";
import {
  DAY_MS,
  DURATION_SATURATION_DAYS,
  FAMILY_HALF_LIFE_DAYS,
  HALF_LIFE_DAYS,
  INTENSITY_SCALE,
  MULTIPLEXITY_DIVISOR,
  MULTIPLEXITY_WINDOW_DAYS,
  RECIPROCITY_HALF_COUNT,
  RECIPROCITY_WINDOW_DAYS,
  STRENGTH_WEIGHTS,
} from "./params.ts";
import type { Channel, Clock, Fact, Side, TieSettings } from "./types.ts";

export interface StrengthTerms {
  readonly intensity: number;
  readonly duration: number;
  readonly reciprocity: number;
  readonly multiplexity: number;
  readonly structure: number;
}

export interface FactContribution {
  readonly fact: Fact;
  /** weight · 2^(−Δ/h): this fact's part of the activation A. */
  readonly activation: number;
  /** Its share of the intensity term's contribution to S. */
  readonly strength: number;
}

export interface StrengthResult {
  /** The balance R = 1 − |out − in| / (out + in) of §2 (stage rule, report); not a strength term. */
  readonly balance: number;
  /** Initiations in the reciprocity window, by side. */
  readonly initiations: Record<Side, number>;
  /** The displayed strength: the owner's closeness override when set, else the computed one. */
  readonly value: number;
  readonly computed: number;
  readonly override: number | null;
  readonly activation: number;
  readonly terms: StrengthTerms;
  /** Each term's weighted contribution to the computed S (they sum to it). */
  readonly contributions: StrengthTerms;
  /** The facts that contributed most, largest first. */
  readonly topFacts: readonly FactContribution[];
}

export function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

export function halfLifeDays(family = false): number {
  return family ? FAMILY_HALF_LIFE_DAYS : HALF_LIFE_DAYS;
}

/** 2^(−Δ/h), Δ and h in days (Δ given in ms). */
export function decay(ageMs: number, halfLife: number): number {
  return 2 ** (-Math.max(0, ageMs) / DAY_MS / halfLife);
}

/** A = Σ weight · 2^(−Δ/h) over the (deduped) facts up to now. */
export function activation(facts: readonly Fact[], nowMs: number, halfLife: number): number {
  let sum = 0;
  for (const fact of facts) {
    if (fact.occurredAt <= nowMs) sum += weightOf(fact.kind) * decay(nowMs - fact.occurredAt, halfLife);
  }
  return sum;
}

/** I = 1 − e^(−A/4.3). */
export function intensity(a: number): number {
  return clamp01(1 - Math.exp(-Math.max(0, a) / INTENSITY_SCALE));
}

/** D = min(1, ln(1 + days known) / ln(1826)); 0 when nothing is known. */
export function duration(firstAt: number | null, nowMs: number): number {
  if (firstAt === null) return 0;
  const days = Math.max(0, nowMs - firstAt) / DAY_MS;
  return clamp01(Math.log1p(days) / Math.log(DURATION_SATURATION_DAYS));
}

/** R = 1 − |out − in| / (out + in); 0 when there are none. Symmetric in its arguments. */
export function reciprocity(out: number, inbound: number): number {
  const total = out + inbound;
  return total <= 0 ? 0 : clamp01(1 - Math.abs(out - inbound) / total);
}

/**
 * Strength's reciprocity term: matched initiative m / (m + 1), m = min(out, in). Symmetric, 0 when one
 * side never initiates, and never lowered by a new initiation (see RECIPROCITY_HALF_COUNT).
 */
export function matchedInitiative(out: number, inbound: number): number {
  const m = Math.max(0, Math.min(out, inbound));
  return clamp01(m / (m + RECIPROCITY_HALF_COUNT));
}

export function inWindow(at: number, nowMs: number, days: number): boolean {
  return at <= nowMs && at >= nowMs - days * DAY_MS;
}

/** Initiations (interaction facts) by side in the reciprocity window. */
export function initiationCounts(facts: readonly Fact[], nowMs: number): Record<Side, number> {
  const counts = { owner: 0, other: 0 };
  for (const fact of facts) {
    if (isInteraction(fact) && inWindow(fact.occurredAt, nowMs, RECIPROCITY_WINDOW_DAYS)) {
      counts[fact.initiator] += 1;
    }
  }
  return counts;
}

/** Channels used by interactions in the multiplexity window. */
export function channelsUsed(facts: readonly Fact[], nowMs: number): Set<Channel> {
  const channels = new Set<Channel>();
  for (const fact of facts) {
    if (isInteraction(fact) && inWindow(fact.occurredAt, nowMs, MULTIPLEXITY_WINDOW_DAYS)) {
      channels.add(fact.channel);
    }
  }
  return channels;
}

/** M = min(1, (channels − 1) / 3), 0 with no channel. */
export function multiplexity(channelCount: number): number {
  return clamp01((channelCount - 1) / MULTIPLEXITY_DIVISOR);
}

/** N = mean strength of mutual ties (from the previous computation); 0 when there are none. */
export function structure(mutualStrengths: readonly number[] | undefined): number {
  if (!mutualStrengths || mutualStrengths.length === 0) return 0;
  let sum = 0;
  for (const s of mutualStrengths) sum += clamp01(s);
  return sum / mutualStrengths.length;
}

export function weightedTerms(terms: StrengthTerms): StrengthTerms {
  return {
    intensity: STRENGTH_WEIGHTS.intensity * terms.intensity,
    duration: STRENGTH_WEIGHTS.duration * terms.duration,
    reciprocity: STRENGTH_WEIGHTS.reciprocity * terms.reciprocity,
    multiplexity: STRENGTH_WEIGHTS.multiplexity * terms.multiplexity,
    structure: STRENGTH_WEIGHTS.structure * terms.structure,
  };
}

/** S = 0.55·I + 0.15·D + 0.10·R + 0.10·M + 0.10·N (R: matched initiative, see `matchedInitiative`). */
export function combine(terms: StrengthTerms): number {
  const w = weightedTerms(terms);
  return clamp01(w.intensity + w.duration + w.reciprocity + w.multiplexity + w.structure);
}

/** The closeness override when the owner set one, clamped to 0..1. */
export function closenessOverride(settings: TieSettings): number | null {
  return settings.closeness === undefined ? null : clamp01(settings.closeness);
}

function topContributions(facts: readonly Fact[], nowMs: number, h: number, a: number, top: number) {
  const intensityPart = STRENGTH_WEIGHTS.intensity * intensity(a);
  return facts
    .filter(isInteraction)
    .map((fact) => {
      const part = weightOf(fact.kind) * decay(nowMs - fact.occurredAt, h);
      return { fact, activation: part, strength: a > 0 ? (intensityPart * part) / a : 0 };
    })
    .sort((x, y) => y.activation - x.activation)
    .slice(0, top);
}

/** Strength of one tie from its facts (raw: they are deduped here), with the explanation of §2. */
export function strength(
  facts: readonly Fact[],
  now: Clock,
  settings: TieSettings = {},
  topFactCount = 5,
): StrengthResult {
  const nowMs = toMs(now);
  const ledger = dedupe(factsUpTo(facts, nowMs));
  const h = halfLifeDays(settings.family);
  const a = activation(ledger, nowMs, h);
  const counts = initiationCounts(ledger, nowMs);
  const terms: StrengthTerms = {
    intensity: intensity(a),
    duration: duration(ledger[0]?.occurredAt ?? null, nowMs),
    reciprocity: matchedInitiative(counts.owner, counts.other),
    multiplexity: multiplexity(channelsUsed(ledger, nowMs).size),
    structure: structure(settings.mutualStrengths),
  };
  const computed = combine(terms);
  const override = closenessOverride(settings);
  return {
    balance: reciprocity(counts.owner, counts.other),
    initiations: counts,
    value: override ?? computed,
    computed,
    override,
    activation: a,
    terms,
    contributions: weightedTerms(terms),
    topFacts: topContributions(ledger, nowMs, h, a, topFactCount),
  };
}
