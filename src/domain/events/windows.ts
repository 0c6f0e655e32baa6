/**
 * The times around an event when things happen: check-in opens an hour before the start and closes
 * at the end; "people you met here" is offered for the 72 hours after the end (RELATIONSHIPS.md §4:
 * the meetup follow-up window); the reminder goes 24 hours before the start.
 */
export const CHECKIN_OPENS_BEFORE_MS = 60 * 60_000;
export const MET_WINDOW_MS = 72 * 3600_000;
export const REMINDER_BEFORE_MS = 24 * 3600_000;

export interface Timed {
  startsAt: string;
  endsAt: string;
}

const ms = (iso: string) => new Date(iso).getTime();

export function isCheckinOpen(event: Timed, now: Date): boolean {
  const t = now.getTime();
  return t >= ms(event.startsAt) - CHECKIN_OPENS_BEFORE_MS && t <= ms(event.endsAt);
}

export function hasEnded(event: Timed, now: Date): boolean {
  return now.getTime() > ms(event.endsAt);
}

/** After the end and within 72 hours of it. */
export function isMetWindowOpen(event: Timed, now: Date): boolean {
  const t = now.getTime();
  return t > ms(event.endsAt) && t <= ms(event.endsAt) + MET_WINDOW_MS;
}

export function reminderAt(event: Timed): string {
  return new Date(ms(event.startsAt) - REMINDER_BEFORE_MS).toISOString();
}
