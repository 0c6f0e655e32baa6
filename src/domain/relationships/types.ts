/** Types of the relationship engine (RELATIONSHIPS.md). Everything here is private to the tie's owner. */

/** Kinds of fact in the interaction ledger (RELATIONSHIPS.md §1). Link kinds carry weight 0 but drive stages. */
export type FactKind =
  | "met_in_person"
  | "call"
  | "introduction"
  | "help"
  | "dm_day_both"
  | "meetup_coattended"
  | "dm_day_one_way"
  | "reply"
  | "mention"
  | "comment"
  | "reaction"
  | "boost"
  | "connection_request"
  | "connection_accepted"
  | "follow";

/** Who initiated a fact, seen from the tie's owner. */
export type Side = "owner" | "other";

/** The five channels counted by multiplexity (RELATIONSHIPS.md §2). */
export type Channel = "dm" | "public" | "meetup" | "in_person" | "call";

/** One fact of the ledger, between the tie's owner and the other party. */
export interface Fact {
  readonly kind: FactKind;
  readonly initiator: Side;
  readonly channel: Channel;
  /** Epoch milliseconds. */
  readonly occurredAt: number;
  /** The source object (message, post, check-in, logged note…). */
  readonly sourceId?: string;
  /** A short topic the service could extract (used to prefill "catch up" nudges). */
  readonly topic?: string;
}

/** Dunbar layers: cumulative circle sizes; 500 = everyone else. */
export type Layer = 5 | 15 | 50 | 150 | 500;

export type Stage =
  | "none"
  | "contacted"
  | "connected"
  | "welcomed"
  | "consolidating"
  | "established"
  | "fading"
  | "dormant";

/** The clock is always passed in: a Date or epoch milliseconds. */
export type Clock = Date | number;

/** What the owner set on a tie, plus the structure input from the previous computation. */
export interface TieSettings {
  /** Marked as family: half-life 270 days and family cadences. */
  readonly family?: boolean;
  /** Owner pinned the tie to a layer. */
  readonly pinnedLayer?: Layer;
  /** Owner-set keep-in-touch cadence, in days. */
  readonly cadenceDays?: number;
  /** Owner-set closeness override, 0..1. */
  readonly closeness?: number;
  /** Strengths of the mutual ties (from the previous computation), for the structure term N. */
  readonly mutualStrengths?: readonly number[];
}
