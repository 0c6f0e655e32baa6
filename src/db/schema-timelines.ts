import type { Generated } from "kysely";
/** Table types of the timelines area; `Database` in schema.ts extends this. */
export interface TimelinesTables {
  home_timeline: HomeTimelineTable;
  home_timeline_state: HomeTimelineStateTable;
  actor_activity: ActorActivityTable;
}

/**
 * One row per post (or boost) in one person's home timeline, written by the fan-out job when a post or
 * a boost is made, so reading a page is one index range. One entry per post and owner, kept so by its
 * writers; no index by post (migration 0026): deleting a post takes its entries out by this key.
 */
export interface HomeTimelineTable {
  owner_id: string;
  /** The post's id, or the boost's id when a boost brought it: UUIDv7, the timeline's order. */
  entry_id: string;
  post_id: string;
  /** Who brought it: the post's author, or the booster. */
  source_id: string;
}

/**
 * Whose timeline is kept up to date: the fan-out skips people who have not read their home timeline
 * for a while (INACTIVE_DAYS); reading it again after that rebuilds it first.
 */
export interface HomeTimelineStateTable {
  owner_id: string;
  /** The last time the owner read their home timeline (refreshed at most hourly). */
  seen_at: string;
  /** The last rebuild from the posts themselves. */
  rebuilt_at: string;
  /**
   * How long (ms) the owner's network took to write REBUILD_ENTRIES posts they can see, as the last
   * rebuild found: where the next rebuild's first window reaches. Null until measured.
   */
  posts_span_ms: number | null;
  /** Moves with every entry written (by the writer, timelines/touch.ts) or removed (a trigger) in the owner's timeline. */
  version: Generated<number>;
}

/**
 * The newest thread root and boost of each person, kept by triggers on `posts` and `boosts`
 * (migration 0027): a timeline computed from the posts skips the people followed who wrote nothing in
 * the window it reads. Each id is at least the newest (a deletion leaves it); no row: unknown.
 */
export interface ActorActivityTable {
  actor_id: string;
  newest_root_id: string | null;
  newest_boost_id: string | null;
}
