/**
 * Reading a stream of rows newest first by windows of time (fan-out on read, on-read.ts): how long
 * each window is, and how the walk goes from one to the next.
 */
import { DAY_MS, PAGE_SIZE, timeOf } from "./entries.ts";

/**
 * The first window looked at: a week before the newest post for a page (and the entry that says
 * whether another follows), as many times longer as more entries are wanted — a rebuild's 400 took
 * 5.5 windows on the bench network, each an index seek per person followed, and now take 3 (the
 * next windows: `nextSpan`). A rebuild starts instead from the span the last one measured
 * (`firstWindowMs`): one window, most of the time.
 */
const FIRST_WINDOW_MS = 7 * DAY_MS;
const FIRST_WINDOW_ENTRIES = PAGE_SIZE + 1;

/** The smallest UUIDv7 of a millisecond: ids at or above it were made at that time or later. */
function floorId(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

/**
 * How long the next window is: as long as the rows found so far say the rest needs (with a margin),
 * at least twice the last one, at most MAX_GROWTH times; four times the last one when nothing was
 * found. Each window costs an index seek per person followed: fewer windows, fewer seeks.
 */
const MAX_GROWTH = 32;
function nextSpan(last: number, covered: number, have: number, wanted: number): number {
  if (have <= 0) return last * 4;
  const needed = ((covered * (wanted - have)) / have) * 1.25;
  return Math.min(last * MAX_GROWTH, Math.max(last * 2, needed));
}

/**
 * Reads a stream of rows newest first by windows of time, so that following 1,000 people costs an
 * index range per person over the last days, not a sort of everything they ever wrote: rows in
 * [lo, hi) `batch` at a time, then an older window sized by `nextSpan`, until `have()` reaches
 * `wanted` or `oldest`. A window that holds no row at all is followed by one that starts at the
 * newest row older than it (`newestBelow`, one index seek): a quiet month on the instance costs one
 * window, not one per growth of the span.
 */
export async function windowed<R extends { id: string }>(
  stream: Extent & { before: string | null; floor?: string | null; firstWindowMs?: number | null },
  batch: number,
  fetch: (hi: string | null, lo: string | null) => Promise<R[]>,
  take: (rows: R[]) => Promise<void>,
  have: () => number,
  wanted: number,
): Promise<void> {
  if (stream.newest === null || stream.oldest === null) return;
  let hi = stream.before;
  let top = hi ? timeOf(hi) : timeOf(stream.newest) + 1;
  let span = stream.firstWindowMs ?? FIRST_WINDOW_MS * Math.max(1, wanted / FIRST_WINDOW_ENTRIES);
  // The time looked through in windows that held rows: what the density estimate divides by.
  let covered = 0;
  const floor = stream.floor ?? null;
  const bottom = floor ? timeOf(floor) : timeOf(stream.oldest);
  for (;;) {
    const loMs = top - span;
    const lo = loMs <= bottom ? floor : floorId(loMs);
    let cursor = hi;
    let found = 0;
    for (;;) {
      const rows = await fetch(cursor, lo);
      found += rows.length;
      await take(rows);
      if (have() >= wanted) return;
      if (rows.length < batch) break;
      cursor = rows[rows.length - 1]?.id ?? cursor;
    }
    if (lo === null || lo === floor) return;
    hi = lo;
    if (found > 0) {
      covered += span;
      top = loMs;
      span = nextSpan(span, covered, have(), wanted);
      continue;
    }
    const older = await stream.newestBelow(lo);
    if (older === null || (floor !== null && older < floor)) return;
    top = timeOf(older) + 1;
    // Quiet time skipped says why the window was empty; otherwise the people followed write rarely.
    if (loMs - top < span) span = nextSpan(span, covered, have(), wanted);
  }
}

/** Where a stream of rows begins and ends, and the newest row older than a given one. */
export interface Extent {
  newest: string | null;
  oldest: string | null;
  newestBelow: (id: string) => Promise<string | null>;
}
