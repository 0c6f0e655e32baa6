/**
 * A timeline is a list of entries, newest first: a post, or a boost that brought a post. Entry ids are
 * UUIDv7 (the post's id, or the boost's), so they sort by time and serve as keyset cursors.
 */
export interface TimelineEntry {
  /** The post's id, or the boost's id when a boost brought the post. */
  entryId: string;
  postId: string;
  /** Who brought it: the author, or the booster. */
  sourceId: string;
}

export const PAGE_SIZE = 20;
/** The fan-out skips people who have not opened their home timeline for this long. */
export const INACTIVE_DAYS = 14;
/** How many entries a rebuild writes; older pages are read from the posts themselves. */
export const REBUILD_ENTRIES = 400;
/** Entries kept per person by the trimming job. */
export const KEEP_ENTRIES = 800;
/** "Last seen" is refreshed at most this often (a write per hour, not per page view). */
export const SEEN_REFRESH_MS = 3600_000;

export const DAY_MS = 86_400_000;

export function isBoost(entry: TimelineEntry): boolean {
  return entry.entryId !== entry.postId;
}

/** The millisecond time a UUIDv7 carries in its first 48 bits. */
export function timeOf(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/**
 * How long someone's network takes to write `wanted` posts they can see, judged from their timeline
 * (entries in any order): the time between its newest and its oldest post, per post, times `wanted`.
 * Null with fewer than two posts.
 */
export function postsSpan(entries: readonly TimelineEntry[], wanted: number): number | null {
  let posts = 0;
  let newest = "";
  let oldest = "";
  for (const entry of entries) {
    if (isBoost(entry)) continue;
    posts += 1;
    if (posts === 1 || entry.entryId > newest) newest = entry.entryId;
    if (posts === 1 || entry.entryId < oldest) oldest = entry.entryId;
  }
  if (posts < 2) return null;
  return Math.max(1, Math.round(((timeOf(newest) - timeOf(oldest)) * wanted) / (posts - 1)));
}

/** A cursor must look like one of our ids; anything else is ignored rather than sent to SQL. */
export function cursorOrNull(value: string | undefined | null): string | null {
  return value && /^[0-9a-f-]{36}$/i.test(value) ? value.toLowerCase() : null;
}

/** The inactivity cutoff: people last seen before it get no fan-out. */
export function activeSince(now: Date): string {
  return new Date(now.getTime() - INACTIVE_DAYS * DAY_MS).toISOString();
}
