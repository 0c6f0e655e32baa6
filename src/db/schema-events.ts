import type { Generated } from "kysely";

/** Table types of the events area; `Database` in schema.ts extends this. */
export interface EventsTables {
  events: EventsTable;
  event_organisers: EventOrganisersTable;
  event_links: EventLinksTable;
  event_invitations: EventInvitationsTable;
  event_rsvps: EventRsvpsTable;
  event_checkins: EventCheckinsTable;
  event_feeds: EventFeedsTable;
}

export type EventVisibility = "public" | "connections" | "private";
export type EventStatus = "scheduled" | "cancelled";
/**
 * going: holds a seat; waitlist: asked to go when full (served by queued_seq); pending: asked to go
 * in approval mode; refused: the organiser said no; maybe; declined: "can't go".
 */
export type RsvpStatus = "going" | "maybe" | "declined" | "waitlist" | "pending" | "refused";

export interface EventsTable {
  id: string;
  organiser_id: string;
  /** Occurrences created together by a recurrence share it; each stays editable alone. */
  series_id: string | null;
  title: string;
  description: Generated<string>;
  /** UTC ISO instants. */
  starts_at: string;
  ends_at: string;
  /** The IANA zone the organiser chose: the event's wall-clock times are in it. */
  time_zone: string;
  place: Generated<string>;
  city: Generated<string>;
  latitude: number | null;
  longitude: number | null;
  online_url: Generated<string>;
  cover_key: string | null;
  cover_alt: Generated<string>;
  cover_credit: Generated<string>;
  /** null: no limit. */
  capacity: number | null;
  /** 1: the organiser accepts each "going". */
  approval: Generated<number>;
  visibility: EventVisibility;
  status: EventStatus;
  /** Seats taken (RSVPs "going"): never above capacity. */
  going_count: Generated<number>;
  /** Bumped by every RSVP write: it serialises them on the event's row and orders the waitlist. */
  rsvp_seq: Generated<number>;
  /** iCalendar SEQUENCE: bumped by each change an attendee should see. */
  sequence: Generated<number>;
  /** Derives the rotating check-in codes; never shown. */
  checkin_secret: string;
  created_at: string;
  updated_at: string;
  /** Moved by triggers with each comment on the event (migration 0018_versions). */
  version: Generated<number>;
}

export interface EventOrganisersTable {
  event_id: string;
  actor_id: string;
  created_at: string;
}

export interface EventLinksTable {
  id: string;
  event_id: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}

export interface EventInvitationsTable {
  event_id: string;
  invitee_id: string;
  invited_by: string;
  /** The share link it came through, if any. */
  link_id: string | null;
  created_at: string;
}

export interface EventRsvpsTable {
  event_id: string;
  actor_id: string;
  status: RsvpStatus;
  message: Generated<string>;
  /** The event's rsvp_seq when this answer was written: first come, first served. */
  queued_seq: number;
  created_at: string;
  updated_at: string;
}

export interface EventCheckinsTable {
  event_id: string;
  actor_id: string;
  method: "code" | "page";
  checked_in_at: string;
}

export interface EventFeedsTable {
  actor_id: string;
  token_hash: string;
  created_at: string;
}
