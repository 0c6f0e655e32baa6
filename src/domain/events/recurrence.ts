import { addLocalMinutes, formatLocal, localToUtc, parseLocal } from "./time.ts";

/**
 * Repeating events: weekly, every N weeks, or monthly on a weekday ("first Tuesday", "last Friday").
 * Occurrences are computed on the wall clock of the event's zone, then each is turned into UTC on its
 * own: a 19:00 meetup stays at 19:00 across daylight-saving changes.
 */
export type Recurrence =
  | { kind: "weekly"; interval: number }
  /** nth 1–4, or -1 for the last such weekday of the month; weekday 0 = Sunday. */
  | { kind: "monthly"; nth: 1 | 2 | 3 | 4 | -1; weekday: number };

export const MAX_OCCURRENCES = 52;

export interface Occurrence {
  /** Wall-clock start and end in the event's zone. */
  localStart: string;
  localEnd: string;
  startsAt: Date;
  endsAt: Date;
}

const DAY = 24 * 3600_000;

/** The nth weekday of a month (nth -1: the last), as a UTC-midnight epoch, or null if there is none. */
export function nthWeekday(year: number, month: number, weekday: number, nth: number): number | null {
  if (nth === -1) {
    const last = Date.UTC(year, month + 1, 0);
    const back = (new Date(last).getUTCDay() - weekday + 7) % 7;
    return last - back * DAY;
  }
  const first = Date.UTC(year, month, 1);
  const forward = (weekday - new Date(first).getUTCDay() + 7) % 7;
  const day = first + (forward + (nth - 1) * 7) * DAY;
  return new Date(day).getUTCMonth() === month ? day : null;
}

/** The monthly rule a start date suggests: "the 3rd Tuesday" (a 5th week becomes "the last"). */
export function monthlyRuleOf(localStart: string): Extract<Recurrence, { kind: "monthly" }> {
  const wall = parseLocal(localStart);
  if (wall === null) throw new RangeError(`Not a local time: ${localStart}`);
  const date = new Date(wall);
  const nth = Math.ceil(date.getUTCDate() / 7);
  return { kind: "monthly", weekday: date.getUTCDay(), nth: (nth >= 5 ? -1 : nth) as 1 | 2 | 3 | 4 | -1 };
}

/** Wall-clock starts of the first `count` occurrences, beginning with `localStart` itself. */
export function occurrenceStarts(localStart: string, rule: Recurrence, count: number): string[] {
  const wall = parseLocal(localStart);
  if (wall === null) throw new RangeError(`Not a local time: ${localStart}`);
  const n = Math.max(1, Math.min(MAX_OCCURRENCES, Math.floor(count)));
  const timeOfDay = wall % DAY;
  const starts: string[] = [localStart];
  if (rule.kind === "weekly") {
    const step = Math.max(1, Math.floor(rule.interval)) * 7 * DAY;
    for (let i = 1; i < n; i++) starts.push(formatLocal(wall + i * step));
    return starts;
  }
  const first = new Date(wall);
  let year = first.getUTCFullYear();
  let month = first.getUTCMonth();
  for (let guard = 0; starts.length < n && guard < n * 3; guard++) {
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
    const day = nthWeekday(year, month, rule.weekday, rule.nth);
    if (day !== null) starts.push(formatLocal(day + timeOfDay));
  }
  return starts;
}

/** Every occurrence with its UTC instants; each keeps the first one's wall-clock length. */
export function occurrences(
  localStart: string,
  lengthMinutes: number,
  zone: string,
  rule: Recurrence | null,
  count: number,
): Occurrence[] {
  const starts = rule ? occurrenceStarts(localStart, rule, count) : [localStart];
  return starts.map((start) => {
    const end = addLocalMinutes(start, lengthMinutes);
    return {
      localStart: start,
      localEnd: end,
      startsAt: localToUtc(start, zone),
      endsAt: localToUtc(end, zone),
    };
  });
}
