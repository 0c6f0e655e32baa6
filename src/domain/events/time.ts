/**
 * Wall-clock times in IANA zones, through Intl only. A local time is "YYYY-MM-DDTHH:mm"; instants are
 * Dates. Daylight-saving rules come from the platform's time-zone database.
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const partsCache = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partsCache.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsCache.set(zone, format);
  }
  return format;
}

export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    partsFormat(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of `instant` in `zone`, as epoch milliseconds read as if UTC. */
function wallMillis(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of partsFormat(zone).formatToParts(new Date(instant))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** The zone's offset from UTC at `instant`, in minutes (Paris in summer: 120). */
export function offsetMinutes(zone: string, instant: Date | number): number {
  const t = typeof instant === "number" ? instant : instant.getTime();
  const whole = Math.floor(t / 1000) * 1000;
  return Math.round((wallMillis(whole, zone) - whole) / 60_000);
}

export function parseLocal(local: string): number | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  if (h > 23 || mi > 59) return null;
  return ms;
}

export function formatLocal(wall: number): string {
  return new Date(wall).toISOString().slice(0, 16);
}

/**
 * The instant a wall-clock time in `zone` names. In an autumn overlap the earlier instant is chosen;
 * a time skipped by a spring gap is read with the offset before the gap (02:30 becomes 03:30), as
 * RFC 5545 does.
 */
export function localToUtc(local: string, zone: string): Date {
  const wall = parseLocal(local);
  if (wall === null) throw new RangeError(`Not a local time: ${local}`);
  const day = 24 * 3600_000;
  const before = offsetMinutes(zone, wall - day);
  const after = offsetMinutes(zone, wall + day);
  const candidates = [wall - before * 60_000, wall - after * 60_000].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (wallMillis(candidate, zone) === wall) return new Date(candidate);
  }
  return new Date(wall - before * 60_000);
}

/** The wall-clock time of an instant in `zone`, "YYYY-MM-DDTHH:mm". */
export function utcToLocal(instant: Date | string, zone: string): string {
  const t = new Date(instant).getTime();
  return formatLocal(wallMillis(Math.floor(t / 1000) * 1000, zone));
}

/** Adds minutes to a wall-clock time (no zone involved: 19:00 + 120 min is 21:00 whatever the offset). */
export function addLocalMinutes(local: string, minutes: number): string {
  const wall = parseLocal(local);
  if (wall === null) throw new RangeError(`Not a local time: ${local}`);
  return formatLocal(wall + minutes * 60_000);
}

/** Wall-clock minutes from `a` to `b`. */
export function localMinutesBetween(a: string, b: string): number {
  const wa = parseLocal(a);
  const wb = parseLocal(b);
  if (wa === null || wb === null) throw new RangeError("Not a local time");
  return Math.round((wb - wa) / 60_000);
}
