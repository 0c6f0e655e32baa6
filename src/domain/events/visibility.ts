/**
 * Who may see an event: the one rule, used by every surface (page, lists, profile, notifications,
 * calendar feeds, exports, APIs). Lists use its SQL twin, `src/services/events/visible.ts`, which the
 * tests check against this function role by role.
 */
export type EventVisibility = "public" | "connections" | "private";

/** How one signed-in person stands towards one event and its organiser. */
export interface EventAccess {
  /** The organiser or a co-organiser. */
  organiser: boolean;
  invited: boolean;
  /** Has answered (going, maybe, can't go, waitlisted, asked, refused). */
  answered: boolean;
  connectedToOrganiser: boolean;
  /** Either blocked the other: nothing passes between them. */
  blockedWithOrganiser: boolean;
}

/** Whether `access` (null: someone signed out) may see an event of this visibility. */
export function canSeeEvent(visibility: EventVisibility, access: EventAccess | null): boolean {
  if (access === null) return visibility === "public";
  if (access.organiser) return true;
  if (access.blockedWithOrganiser) return false;
  if (visibility === "public") return true;
  if (access.invited || access.answered) return true;
  return visibility === "connections" && access.connectedToOrganiser;
}

/** Whether they may answer (RSVP): whoever sees it, signed in, except its organisers. */
export function canAnswer(visibility: EventVisibility, access: EventAccess | null): boolean {
  return access !== null && !access.organiser && canSeeEvent(visibility, access);
}

/** The choices, widest first. */
export const VISIBILITIES: readonly EventVisibility[] = ["public", "connections", "private"];
