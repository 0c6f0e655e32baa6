import type { Generated } from "kysely";

/** Table types of the ties area (the relationship engine's derived data); `Database` extends this. */
export interface TiesTables {
  ties: TiesTable;
  tie_dates: TieDatesTable;
  nudge_actions: NudgeActionsTable;
  nurture_prefs: NurturePrefsTable;
}

/** One owner's derived view of one other party (an actor or an offline contact). */
export interface TiesTable {
  owner_id: string;
  /** other_actor_id ?? other_contact_id, as in `interactions`. */
  other_key: string;
  other_actor_id: string | null;
  other_contact_id: string | null;
  /** A Stage of src/domain/relationships, as of `computed_at` (or `next_change_at`, whichever is later). */
  stage: string;
  /** Displayed strength (closeness override or computed) as of `computed_at`. */
  strength: Generated<number>;
  peak_strength: Generated<number>;
  /** Dunbar layer 5/15/50/150/500, capped per owner. */
  layer: Generated<number>;
  /** Activation A at `activation_at` (the contact rate at any time follows from it). */
  activation: Generated<number>;
  activation_at: string | null;
  first_at: string | null;
  last_interaction_at: string | null;
  connected_at: string | null;
  last_meetup_at: string | null;
  /** Last interaction + cadence. */
  next_suggested_at: string | null;
  /** When silence next moves the stage (fading, dormant) or a nudge window opens; null: nothing pending. */
  next_change_at: string | null;
  /** JSON TieState (src/domain/relationships/state.ts), for incremental updates. */
  state: string;
  computed_at: string;
  family: Generated<number>;
  pinned_layer: number | null;
  cadence_days: number | null;
  closeness: number | null;
  snoozed_until: string | null;
  notes: Generated<string>;
  /** Side of life the owner gave an account tie (contacts carry their own). */
  sphere: "personal" | "professional" | null;
  created_at: string;
  updated_at: string;
}

/** A birthday (with or without year) or a custom yearly date. */
export interface TieDatesTable {
  id: string;
  owner_id: string;
  other_key: string;
  kind: "birthday" | "custom";
  month: number;
  day: number;
  year: number | null;
  label: Generated<string>;
  created_at: string;
}

/** A nudge the owner dismissed (for good) or snoozed (until). */
export interface NudgeActionsTable {
  owner_id: string;
  nudge_key: string;
  other_key: string;
  action: "dismissed" | "snoozed";
  until: string | null;
  created_at: string;
}

export interface NurturePrefsTable {
  owner_id: string;
  weekly_digest: Generated<number>;
  digest_sent_at: string | null;
  updated_at: string;
}
