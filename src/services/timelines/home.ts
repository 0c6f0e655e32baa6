import type { Kysely } from "kysely";
import { prepared, preparedTuples } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import type { Deps } from "../deps.ts";
import { enqueue } from "../jobs/queue.ts";
import { activeSince, PAGE_SIZE, SEEN_REFRESH_MS, type TimelineEntry } from "./entries.ts";
import { homeOnRead } from "./on-read.ts";
import { rebuildHomeTimeline } from "./rebuild.ts";

export interface EntryPage {
  entries: TimelineEntry[];
  /** The cursor of the next (older) page, or null at the end. */
  next: string | null;
}

/** Whether the stored timeline can be trusted: when it was built, and whether follows grew since. */
const stateQuery = prepared(1, (db: Kysely<Database>, ownerId: string) =>
  db
    .selectFrom("home_timeline_state as s")
    .select((eb) => [
      "s.seen_at",
      "s.rebuilt_at",
      eb
        .exists(
          eb
            .selectFrom("follows as f")
            .select("f.id")
            .where("f.follower_id", "=", ownerId)
            .whereRef("f.accepted_at", ">", "s.rebuilt_at"),
        )
        .as("followed"),
      eb
        .exists(
          eb
            .selectFrom("connections as c")
            .select("c.owner_id")
            .where("c.owner_id", "=", ownerId)
            .whereRef("c.created_at", ">", "s.rebuilt_at"),
        )
        .as("connected"),
    ])
    .where("s.owner_id", "=", ownerId),
);

type Kind = "home" | "connections";

/**
 * One page of stored entries, newest first: one index range. What someone no longer receives (an
 * unfollow, a mute, a block, a connection ended) was taken out when it happened (`forgetBroughtBy`),
 * so the home view checks nothing per entry. The connections view keeps, of the stored entries, the
 * posts of people the owner is still connected with. Compiled once per shape; this is the "timeline
 * data fetch" the benchmark times.
 */
function entriesQuery(kind: Kind, withCursor: boolean, limit: number) {
  return preparedTuples(withCursor ? 2 : 1, (db: Kysely<Database>, ownerId: string, before?: string) => {
    let query = db
      .selectFrom("home_timeline as t")
      .select(["t.entry_id", "t.post_id", "t.source_id"])
      .where("t.owner_id", "=", ownerId);
    if (withCursor && before !== undefined) query = query.where("t.entry_id", "<", before);
    if (kind === "connections")
      query = query
        .whereRef("t.entry_id", "=", "t.post_id")
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("connections as c")
              .select("c.owner_id")
              .where("c.owner_id", "=", ownerId)
              .whereRef("c.other_id", "=", "t.source_id"),
          ),
        );
    return query.orderBy("t.entry_id", "desc").limit(limit);
  });
}

const queries = new Map<string, ReturnType<typeof entriesQuery>>();
function entriesOf(kind: Kind, withCursor: boolean, limit: number) {
  const key = `${kind}:${withCursor}:${limit}`;
  let query = queries.get(key);
  if (!query) {
    query = entriesQuery(kind, withCursor, limit);
    queries.set(key, query);
  }
  return query;
}

/** Stored entries only (no freshness check, no fallback): the hot path, exported for the benchmark. */
export async function storedEntries(
  db: Kysely<Database>,
  ownerId: string,
  options: { before?: string | null; limit: number; kind?: Kind },
): Promise<TimelineEntry[]> {
  const kind = options.kind ?? "home";
  const rows = options.before
    ? await entriesOf(kind, true, options.limit)(db, ownerId, options.before)
    : await entriesOf(kind, false, options.limit)(db, ownerId);
  return rows.map(([entryId, postId, sourceId]) => ({
    entryId: entryId as string,
    postId: postId as string,
    sourceId: sourceId as string,
  }));
}

/**
 * Whether the owner's stored timeline can be read as it is: not when they come back after
 * INACTIVE_DAYS (the fan-out skipped them), nor when they followed or connected with someone since
 * the last build. When it can, "last seen" is refreshed, at most hourly.
 */
async function storedIsCurrent(deps: Pick<Deps, "db" | "clock">, ownerId: string): Promise<boolean> {
  const now = deps.clock.now();
  const [state] = await stateQuery(deps.db, ownerId);
  if (!state || state.seen_at < activeSince(now) || state.followed || state.connected) return false;
  if (now.getTime() - Date.parse(state.seen_at) > SEEN_REFRESH_MS) {
    await deps.db
      .updateTable("home_timeline_state")
      .set({ seen_at: now.toISOString() })
      .where("owner_id", "=", ownerId)
      .execute();
  }
  return true;
}

/** Makes sure the owner's stored timeline is current before it is read: rebuilt here if it is not. */
export async function ensureFreshTimeline(deps: Pick<Deps, "db" | "clock">, ownerId: string): Promise<void> {
  if (!(await storedIsCurrent(deps, ownerId))) await rebuildHomeTimeline(deps, ownerId);
}

export const REBUILD_JOB = "timelines.rebuild";
/**
 * How long after the page that asked for it a rebuild waits: past the rest of that request, so that
 * the in-process runner does not take turns with it.
 */
const REBUILD_DELAY_MS = 1000;

/** Queues the rebuild of the owner's stored timeline (once: a second request while it waits adds nothing). */
async function queueRebuild(deps: Pick<Deps, "db" | "clock" | "newId">, ownerId: string): Promise<void> {
  await enqueue(deps, {
    kind: REBUILD_JOB,
    payload: { ownerId },
    key: `${REBUILD_JOB}:${ownerId}`,
    runAt: new Date(deps.clock.now().getTime() + REBUILD_DELAY_MS).toISOString(),
  });
}

/**
 * A page of the viewer's home timeline (or its connections-only view): the stored entries, then,
 * past the oldest stored one, the same timeline computed from the posts (fan-out on read).
 *
 * When the stored timeline is not current (someone back after weeks away, or who followed someone
 * since), the whole page is computed from the posts and the rebuild is queued: the reader does not
 * wait for 400 entries to be read and written, with pages of the database read for the first time,
 * to see 20.
 */
export async function homeEntries(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  ownerId: string,
  options: { before?: string | null; limit?: number; kind?: Kind } = {},
): Promise<EntryPage> {
  const limit = options.limit ?? PAGE_SIZE;
  const kind = options.kind ?? "home";
  const before = options.before ?? null;
  const connectionsOnly = kind === "connections";
  if (!(await storedIsCurrent(deps, ownerId))) {
    await queueRebuild(deps, ownerId);
    return pageOf(await homeOnRead(deps.db, ownerId, { before, limit: limit + 1, connectionsOnly }), limit);
  }
  const entries = await storedEntries(deps.db, ownerId, { before, limit: limit + 1, kind });
  if (entries.length <= limit) {
    const last = entries.at(-1)?.entryId ?? before;
    const seen = new Set(entries.map((e) => e.postId));
    const older = await homeOnRead(deps.db, ownerId, {
      before: last,
      limit: limit + 1 - entries.length,
      connectionsOnly,
    });
    entries.push(...older.filter((e) => !seen.has(e.postId)));
  }
  return pageOf(entries, limit);
}

/** The first `limit` of `entries` (newest first, one more read to know whether a next page exists). */
function pageOf(entries: TimelineEntry[], limit: number): EntryPage {
  const page = entries.slice(0, limit);
  return { entries: page, next: entries.length > limit ? (page.at(-1)?.entryId ?? null) : null };
}

/**
 * Stored entries newer than `after` (the JSON API's since_id / min_id): the newest `limit` of them,
 * or with `closest` the `limit` just above `after`; newest first either way.
 */
export async function newerEntries(
  deps: Pick<Deps, "db" | "clock">,
  ownerId: string,
  after: string,
  options: { limit?: number; closest?: boolean } = {},
): Promise<TimelineEntry[]> {
  const limit = options.limit ?? PAGE_SIZE;
  await ensureFreshTimeline(deps, ownerId);
  const rows = await deps.db
    .selectFrom("home_timeline as t")
    .select(["t.entry_id", "t.post_id", "t.source_id"])
    .where("t.owner_id", "=", ownerId)
    .where("t.entry_id", ">", after)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("mutes as m")
            .select("m.owner_id")
            .where("m.owner_id", "=", ownerId)
            .whereRef("m.target_id", "=", "t.source_id"),
        ),
      ),
    )
    .orderBy("t.entry_id", options.closest ? "asc" : "desc")
    .limit(limit)
    .execute();
  const entries = rows.map((r) => ({ entryId: r.entry_id, postId: r.post_id, sourceId: r.source_id }));
  return options.closest ? entries.reverse() : entries;
}
