import { offsetMinutes, utcToLocal } from "./time.ts";

/**
 * iCalendar (RFC 5545) text for events: each VEVENT keeps its IANA zone (DTSTART;TZID=…) and the
 * calendar carries a VTIMEZONE for each zone, built from the platform's rules over the years the
 * events span, so any client reads the same instants. Lines are folded at 75 octets.
 */
export interface IcsEvent {
  uid: string;
  /** Bumped on each change an attendee should see. */
  sequence: number;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  location: string;
  geo: { latitude: number; longitude: number } | null;
  url: string;
  cancelled: boolean;
  organiserName: string;
  createdAt: string;
  updatedAt: string;
}

export function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Folds a content line at 75 octets without splitting a UTF-8 character. */
export function fold(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const out: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + limit);
    // Step back off UTF-8 continuation bytes (10xxxxxx).
    while (end < bytes.length && end > start && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
    out.push(bytes.subarray(start, end).toString("utf8"));
    start = end;
    limit = 74; // continuation lines start with a space
  }
  return out.join("\r\n ");
}

const utcStamp = (iso: string) => `${new Date(iso).toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
const localStamp = (local: string) => `${local.replace(/[-:]/g, "")}00`;

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

export interface Transition {
  /** The instant of the change. */
  at: number;
  from: number;
  to: number;
}

/** The zone's offset changes between two instants (found day by day, then to the minute). */
export function transitions(zone: string, fromMs: number, toMs: number): Transition[] {
  const found: Transition[] = [];
  const step = 24 * 3600_000;
  let previous = offsetMinutes(zone, fromMs);
  for (let t = fromMs + step; t <= toMs + step; t += step) {
    const current = offsetMinutes(zone, t);
    if (current === previous) continue;
    let low = t - step;
    let high = t;
    while (high - low > 60_000) {
      const mid = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetMinutes(zone, mid) === previous) low = mid;
      else high = mid;
    }
    found.push({ at: high, from: previous, to: current });
    previous = current;
  }
  return found;
}

/** A VTIMEZONE covering the given instants (and a year either side). */
export function vtimezone(zone: string, fromMs: number, toMs: number): string[] {
  const year = 365 * 24 * 3600_000;
  const changes = transitions(zone, fromMs - year, toMs + year);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${zone}`];
  if (changes.length === 0) {
    const offset = offsetText(offsetMinutes(zone, fromMs));
    lines.push(
      "BEGIN:STANDARD",
      "DTSTART:19700101T000000",
      `TZOFFSETFROM:${offset}`,
      `TZOFFSETTO:${offset}`,
      "END:STANDARD",
    );
  }
  for (const change of changes) {
    const kind = change.to > change.from ? "DAYLIGHT" : "STANDARD";
    // DTSTART is the local time just before the change, on the clock being left.
    const local = new Date(change.at + change.from * 60_000).toISOString().slice(0, 16);
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(local)}`,
      `TZOFFSETFROM:${offsetText(change.from)}`,
      `TZOFFSETTO:${offsetText(change.to)}`,
      `END:${kind}`,
    );
  }
  lines.push("END:VTIMEZONE");
  return lines;
}

function dateProperty(name: string, iso: string, zone: string): string {
  if (zone === "UTC" || zone === "Etc/UTC") return `${name}:${utcStamp(iso)}`;
  return `${name};TZID=${zone}:${localStamp(utcToLocal(iso, zone))}`;
}

function vevent(event: IcsEvent, now: string): string[] {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `DTSTAMP:${utcStamp(now)}`,
    `CREATED:${utcStamp(event.createdAt)}`,
    `LAST-MODIFIED:${utcStamp(event.updatedAt)}`,
    `SEQUENCE:${event.sequence}`,
    dateProperty("DTSTART", event.startsAt, event.timeZone),
    dateProperty("DTEND", event.endsAt, event.timeZone),
    `SUMMARY:${escapeText(event.title)}`,
    `STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    `URL:${event.url}`,
    `ORGANIZER;CN="${event.organiserName.replace(/["\r\n]/g, "")}":${event.url}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.geo) lines.push(`GEO:${event.geo.latitude};${event.geo.longitude}`);
  lines.push("END:VEVENT");
  return lines;
}

/** A whole VCALENDAR: the events, and one VTIMEZONE per zone they use. */
export function calendar(options: { name: string; events: IcsEvent[]; now: string }): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Liens//Events//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.name)}`,
  ];
  const zones = new Map<string, { from: number; to: number }>();
  for (const event of options.events) {
    if (event.timeZone === "UTC" || event.timeZone === "Etc/UTC") continue;
    const span = zones.get(event.timeZone);
    const from = new Date(event.startsAt).getTime();
    const to = new Date(event.endsAt).getTime();
    zones.set(
      event.timeZone,
      span ? { from: Math.min(span.from, from), to: Math.max(span.to, to) } : { from, to },
    );
  }
  for (const [zone, span] of zones) lines.push(...vtimezone(zone, span.from, span.to));
  for (const event of options.events) lines.push(...vevent(event, options.now));
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
