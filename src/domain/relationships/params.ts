/**
 * Every parameter of the relationship engine, with its source (RELATIONSHIPS.md).
 * Values marked "engineering choice" are ours and tunable.
 */
import type { FactKind, Layer } from "./types.ts";

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/**
 * Default weight of each kind of fact (§1). The order follows Granovetter 1973, Gilbert & Karahalios 2009
 * and Hall 2019; the values are engineering choices. Link facts weigh 0: they drive stages, not strength.
 */
export const KIND_WEIGHTS: Readonly<Record<FactKind, number>> = {
  met_in_person: 1.0,
  call: 0.8,
  introduction: 0.8,
  help: 0.8,
  dm_day_both: 0.5,
  meetup_coattended: 0.4,
  dm_day_one_way: 0.3,
  reply: 0.2,
  mention: 0.2,
  comment: 0.2,
  reaction: 0.05,
  boost: 0.05,
  connection_request: 0,
  connection_accepted: 0,
  follow: 0,
};

/** Kinds where both people take part by nature (a call, a meeting, a both-ways DM day). Engineering choice. */
export const MUTUAL_KINDS: ReadonlySet<FactKind> = new Set(["met_in_person", "call", "dm_day_both"]);
/** Personal 1:1 kinds: what counts as a welcome or a follow-up (§4 "a personal 1:1 message, not a reaction"). */
export const PERSONAL_KINDS: ReadonlySet<FactKind> = new Set([
  "met_in_person",
  "call",
  "dm_day_both",
  "dm_day_one_way",
]);
/** Kinds that are an exchange (a conversation), as opposed to a click, co-presence or a link. Engineering choice. */
export const EXCHANGE_KINDS: ReadonlySet<FactKind> = new Set([
  "met_in_person",
  "call",
  "introduction",
  "help",
  "dm_day_both",
  "dm_day_one_way",
  "reply",
  "mention",
  "comment",
]);
/** Link kinds (weight 0). */
export const LINK_KINDS: ReadonlySet<FactKind> = new Set([
  "connection_request",
  "connection_accepted",
  "follow",
]);

/** Half-life of activation: friendships weaken after about three months apart (Dunbar 2020; Roberts & Dunbar 2015). */
export const HALF_LIFE_DAYS = 90;
/** Half-life for family ties: kin closeness does not decline the same way (Roberts & Dunbar 2015). */
export const FAMILY_HALF_LIFE_DAYS = 270;
/** Intensity I = 1 − e^(−A/4.3): monthly full-weight contact gives I ≈ 0.63 (§2). */
export const INTENSITY_SCALE = 4.3;
/** Duration saturates at five years (Gilbert & Karahalios 2009: days since first contact). */
export const DURATION_SATURATION_DAYS = 1826;
/** Reciprocity over initiations in the last 365 days (Raeder et al. 2011). */
export const RECIPROCITY_WINDOW_DAYS = 365;
/**
 * Strength's reciprocity term counts matched initiative: with m = min(initiations by each side in the
 * window), R_S = m / (m + RECIPROCITY_HALF_COUNT). Spec fix (RELATIONSHIPS.md §2 and §7): the balance
 * 1 − |out − in| / (out + in) drops when the busier side writes again, so "a more recent fact never
 * lowers strength" would be false; a term of min(out, in) only grows with new facts. The balance stays
 * the stage rule's and the report's R (established needs R ≥ 0.3; one-sided ties are R < 0.2).
 * Engineering choice: one initiation each way gives 0.5, four each way 0.8.
 */
export const RECIPROCITY_HALF_COUNT = 1;
/** Multiplexity over channels used in the last 365 days; M = min(1, (channels − 1) / 3) (§2). */
export const MULTIPLEXITY_WINDOW_DAYS = 365;
export const MULTIPLEXITY_DIVISOR = 3;

/**
 * S = 0.55·I + 0.15·D + 0.10·R + 0.10·M + 0.10·N. Intimacy + intensity ≈ 52 % and duration ≈ 16 % of
 * predictive power in Gilbert & Karahalios 2009; the rest is ours.
 */
export const STRENGTH_WEIGHTS = {
  intensity: 0.55,
  duration: 0.15,
  reciprocity: 0.1,
  multiplexity: 0.1,
  structure: 0.1,
} as const;

/** Layer by contact rate λ per year (§3, Dunbar): ≥ 40 → 5, ≥ 10 → 15, ≥ 1.8 → 50, ≥ 0.7 → 150, else 500. */
export const LAYER_RATE_THRESHOLDS: readonly { readonly layer: Layer; readonly minRate: number }[] = [
  { layer: 5, minRate: 40 },
  { layer: 15, minRate: 10 },
  { layer: 50, minRate: 1.8 },
  { layer: 150, minRate: 0.7 },
];
/** Capped layers, innermost first, with their cumulative sizes 5/15/50/150 (Dunbar). */
export const CAPPED_LAYERS: readonly Layer[] = [5, 15, 50, 150];
export const LAYER_CAPS: Readonly<Record<Layer, number>> = {
  5: 5,
  15: 15,
  50: 50,
  150: 150,
  500: Number.POSITIVE_INFINITY,
};

/** Default keep-in-touch cadence C per layer, in days (§3 table); 500 is event-driven (no cadence). */
export const CADENCE_DAYS: Readonly<Record<Layer, number | null>> = {
  5: 7,
  15: 30,
  50: 180,
  150: 365,
  500: null,
};
/** Family cadences (§3 table, in parentheses): only the two inner layers differ. */
export const FAMILY_CADENCE_DAYS: Readonly<Record<Layer, number | null>> = { ...CADENCE_DAYS, 5: 14, 15: 60 };
/** Fading when silent > 2C (§3). */
export const FADING_CADENCE_MULTIPLE = 2;
/** Dormant when silent > min(8C, 3 years): silence > 8× the usual gap predicts decay (Navarro et al. 2017). */
export const DORMANT_CADENCE_MULTIPLE = 8;
/** "3 years" of §3, in days (3 × 365). */
export const DORMANT_MAX_DAYS = 3 * 365;

/** Contacted: unanswered after 30 days (§4). */
export const CONTACT_UNANSWERED_DAYS = 30;
/** Connected → welcomed: a personal message within 7 days (§4); also the report's follow-through window. */
export const WELCOME_WINDOW_DAYS = 7;
/** "Welcome X" after 24–48 h (§4; Liu et al. 2023): eligible from 24 h, so a daily list shows it by 48 h. */
export const WELCOME_NUDGE_AFTER_HOURS = 24;
export const WELCOME_NUDGE_BY_HOURS = 48;
/** Welcomed: one follow-up at 14 days (§4). */
export const FOLLOW_UP_AFTER_DAYS = 14;
/** Welcomed → consolidating: a reciprocated exchange on a second day within 30 days (§4). */
export const CONSOLIDATION_WINDOW_DAYS = 30;
/**
 * Consolidating → established (§4; Vergara Hidd et al. 2023: the first weeks predict a tie's lifetime):
 * ≥ 5 interaction-days over ≥ 45 days with R ≥ 0.3 and S ≥ 0.35, or 1 in-person day + 3 other days.
 */
export const ESTABLISHED_RULE = {
  minInteractionDays: 5,
  minSpanDays: 45,
  minReciprocity: 0.3,
  minStrength: 0.35,
  inPersonDays: 1,
  otherDays: 3,
} as const;
/** Follow up with people met at a meetup within 72 h (§4, §5). */
export const MEETUP_FOLLOW_UP_HOURS = 72;
/** Dormant: a quarterly "reconnect" list of once-strong ties (§4; Levin et al. 2011). */
export const RECONNECT_EVERY_MONTHS = 3;
/** Days at the start of each quarter during which the reconnect list joins the daily list. Engineering choice. */
export const RECONNECT_WINDOW_DAYS = 7;
/** A dormant tie is "once strong" when its peak strength reached this. Engineering choice. */
export const ONCE_STRONG_MIN_PEAK = 0.5;
/** A short daily list, default 5 (§5). */
export const DAILY_NUDGE_COUNT = 5;
/** Important dates are suggested this many days ahead (and on the day). Engineering choice. */
export const DATE_LEAD_DAYS = 1;

/** A fact answers the other side when it comes within 7 days of theirs (§6 "answered within 7 days"). */
export const REPLY_WINDOW_DAYS = 7;
/** A conversation "starts" after ≥ 14 days of silence (§6). */
export const CONVERSATION_SILENCE_DAYS = 14;
/** Follow-through: ties that reached established within 90 days (§6). */
export const ESTABLISHED_WITHIN_DAYS = 90;
/** One-sided ties: R < 0.2 (§6). */
export const ONE_SIDED_MAX_RECIPROCITY = 0.2;
/** Typical effort: ≈ 40 % on the closest 5 and 20 % on the next 10 (Dunbar 2020). */
export const TYPICAL_EFFORT = { closest5: 0.4, next10: 0.2 } as const;
