/** Keep-in-touch cadences and silence thresholds (RELATIONSHIPS.md §3). */
import {
  CADENCE_DAYS,
  DAY_MS,
  DORMANT_CADENCE_MULTIPLE,
  DORMANT_MAX_DAYS,
  FADING_CADENCE_MULTIPLE,
  FAMILY_CADENCE_DAYS,
} from "./params.ts";
import type { Layer } from "./types.ts";

export type CadenceSource = "owner" | "median_gap" | "layer" | "family" | "event_driven";

export interface Cadence {
  /** Days between contacts; null for layer 500 (event-driven: birthday, meetup, job change). */
  readonly days: number | null;
  readonly source: CadenceSource;
}

export interface CadenceInput {
  readonly layer: Layer;
  readonly family?: boolean;
  /** Owner-set cadence in days: wins over everything. */
  readonly ownerCadenceDays?: number;
  /** The tie's own median gap between interaction-days. */
  readonly medianGapDays?: number | null;
}

/** Default cadence of a layer: 7/30/180/365 days, family 14/60 for the two inner layers, none for 500. */
export function layerCadenceDays(layer: Layer, family = false): number | null {
  return (family ? FAMILY_CADENCE_DAYS : CADENCE_DAYS)[layer];
}

/** The tie's cadence: owner's setting, else the layer's, replaced by the median gap when that is longer. */
export function cadenceFor(input: CadenceInput): Cadence {
  if (input.ownerCadenceDays !== undefined && input.ownerCadenceDays > 0) {
    return { days: input.ownerCadenceDays, source: "owner" };
  }
  const days = layerCadenceDays(input.layer, input.family);
  if (days === null) return { days: null, source: "event_driven" };
  const gap = input.medianGapDays ?? null;
  if (gap !== null && gap > days) return { days: gap, source: "median_gap" };
  const familyDiffers = input.family === true && days !== CADENCE_DAYS[input.layer];
  return { days, source: familyDiffers ? "family" : "layer" };
}

/** Fading when silent longer than 2C; never for an event-driven tie. */
export function fadingAfterDays(cadenceDays: number | null): number | null {
  return cadenceDays === null ? null : FADING_CADENCE_MULTIPLE * cadenceDays;
}

/** Dormant when silent longer than min(8C, 3 years); 3 years for an event-driven tie. */
export function dormantAfterDays(cadenceDays: number | null): number {
  return cadenceDays === null
    ? DORMANT_MAX_DAYS
    : Math.min(DORMANT_CADENCE_MULTIPLE * cadenceDays, DORMANT_MAX_DAYS);
}

/** Next suggested moment = last interaction + cadence (any interaction resets the clock). */
export function nextSuggestedAt(lastInteractionAt: number | null, cadenceDays: number | null): number | null {
  if (lastInteractionAt === null || cadenceDays === null) return null;
  return lastInteractionAt + cadenceDays * DAY_MS;
}

export type Silence = "ok" | "fading" | "dormant";

/** Where a silence stands against a cadence (strictly longer than the threshold crosses it). */
export function silenceStatus(silentMs: number, cadenceDays: number | null): Silence {
  if (silentMs > dormantAfterDays(cadenceDays) * DAY_MS) return "dormant";
  const fading = fadingAfterDays(cadenceDays);
  return fading !== null && silentMs > fading * DAY_MS ? "fading" : "ok";
}
