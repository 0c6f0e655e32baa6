import { type Compilable, type Expression, type Kysely, sql } from "kysely";
import { inJsonList, inList } from "../../db/in-list.ts";
import { prepared, preparedTuples } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import { canSeePost, type Visibility } from "../../domain/posts/visibility.ts";
import { mayHaveWritten } from "./activity.ts";
import { PAGE_SIZE, type TimelineEntry, timeOf } from "./entries.ts";
import { loadSources } from "./sources.ts";

const DAY_MS = 86_400_000;
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

/** The newest and oldest ids of a table, and the newest below an id: compiled once (db/prepared.ts). */
function extentQueries(table: "posts" | "boosts") {
  const max = (db: Kysely<Database>) => db.selectFrom(table).select((eb) => eb.fn.max("id").as("id"));
  return {
    newest: prepared(0, max),
    oldest: prepared(0, (db: Kysely<Database>) =>
      db.selectFrom(table).select((eb) => eb.fn.min("id").as("id")),
    ),
    below: prepared(1, (db: Kysely<Database>, id: string) => max(db).where("id", "<", id)),
  };
}
const extents = { posts: extentQueries("posts"), boosts: extentQueries("boosts") };

async function extentOf(db: Kysely<Database>, table: "posts" | "boosts"): Promise<Extent> {
  const queries = extents[table];
  const [newest] = await queries.newest(db);
  const [oldest] = await queries.oldest(db);
  return {
    newest: newest?.id ?? null,
    oldest: oldest?.id ?? null,
    newestBelow: async (id) => (await queries.below(db, id))[0]?.id ?? null,
  };
}

/** The bounds of a window that are given: below `hi`, from `lo`. */
interface Bounds {
  hi?: string;
  lo?: string;
}

/**
 * A read of rows newest first by some people, in a window of ids: compiled once for each of the four
 * shapes of its bounds (db/prepared.ts), the people bound as one JSON array, the rows as arrays. Built
 * with Kysely for every window, with the rows as objects, a rebuild's read of 400 entries took 2.0 to
 * 2.7 ms at p50 instead of 1.4 to 1.7 (the bench network, warm).
 */
function windowReads(
  build: (
    db: Kysely<Database>,
    people: string,
    bounds: Bounds,
    limit: Expression<number>,
  ) => Compilable<unknown>,
) {
  const shapes = [false, true].flatMap((below) =>
    [false, true].map((from) =>
      // Arguments are strings (db/prepared.ts): the limit is cast where SQL reads it.
      preparedTuples(4, (db: Kysely<Database>, people: string, limit: string, hi: string, lo: string) =>
        build(
          db,
          people,
          { hi: below ? hi : undefined, lo: from ? lo : undefined },
          sql<number>`cast(${limit} as integer)`,
        ),
      ),
    ),
  );
  return (
    db: Kysely<Database>,
    people: readonly string[],
    limit: number,
    hi: string | null,
    lo: string | null,
  ) =>
    (shapes[(hi ? 2 : 0) + (lo ? 1 : 0)] as (typeof shapes)[number])(
      db,
      JSON.stringify(people),
      String(limit),
      hi ?? "",
      lo ?? "",
    );
}

/** Thread roots by some people, with what the visibility rule needs. */
const rootsWindow = windowReads((db, people, { hi, lo }, limit) => {
  let query = db
    .selectFrom("posts")
    .select(["id", "author_id", "audience_id", "visibility"])
    .where(inJsonList(db, "author_id", people))
    .where("parent_id", "is", null);
  if (hi !== undefined) query = query.where("id", "<", hi);
  if (lo !== undefined) query = query.where("id", ">=", lo);
  return query.orderBy("id", "desc").limit(limit);
});

/** Boosts by some people, with what the visibility rule needs of the posts they boosted. */
const boostsWindow = windowReads((db, people, { hi, lo }, limit) => {
  let query = db
    .selectFrom("boosts as b")
    .innerJoin("posts as p", "p.id", "b.post_id")
    .select([
      "b.id",
      "b.post_id",
      "b.actor_id",
      "p.author_id",
      "p.audience_id",
      "p.visibility",
      "p.parent_id",
    ])
    .where(inJsonList(db, "b.actor_id", people));
  if (hi !== undefined) query = query.where("b.id", "<", hi);
  if (lo !== undefined) query = query.where("b.id", ">=", lo);
  return query.orderBy("b.id", "desc").limit(limit);
});

export interface OnReadOptions {
  /** Entries strictly older than this entry id. */
  before?: string | null;
  limit: number;
  /** Only posts written by the viewer's connections (no boosts). */
  connectionsOnly?: boolean;
  /**
   * How far back the first window of posts reaches, when the caller knows how long the viewer's
   * network takes to write `limit` of them (a rebuild: `postsSpan`); by default a week per page.
   */
  firstWindowMs?: number | null;
}

interface Candidate {
  entryId: string;
  postId: string;
  sourceId: string;
  authorId: string;
  audienceId: string;
  visibility: Visibility;
}

/**
 * A home (or connections) timeline computed from the posts themselves — "fan-out on read": the newest
 * thread roots of the people the viewer follows or is connected with (and their own), plus what
 * those people boosted, each post once (at its earliest entry), kept only when `canSeePost` says the
 * viewer may see it. What the fan-out job writes into `home_timeline` must match this; rebuilds and
 * pages older than the stored entries use it directly.
 */
export async function homeOnRead(
  db: Kysely<Database>,
  viewerId: string,
  options: OnReadOptions,
): Promise<TimelineEntry[]> {
  const sources = await loadSources(db, viewerId);
  const excluded = (id: string) => sources.blocked.has(id) || sources.muted.has(id);
  const people = options.connectionsOnly
    ? [...sources.connections]
    : [...new Set([...sources.followees, ...sources.connections])];
  const bringers = people.filter((id) => !excluded(id));
  const authors = options.connectionsOnly ? bringers : [...bringers, viewerId];
  const authorSet = new Set(authors);
  // The viewer's own boosts show in their timeline too.
  const boosters = [...bringers, viewerId];
  // Each window is read only from the people who may have written in it: a few of those followed.
  const { activity } = sources;

  const visible = async (candidates: Candidate[]): Promise<Candidate[]> => {
    // The rule needs "mentioned" only where following or being connected is not enough.
    const unsure = candidates.filter(
      (c) =>
        c.authorId !== viewerId &&
        c.audienceId !== viewerId &&
        (c.visibility === "mentioned" ||
          (c.visibility === "connections" && !sources.connections.has(c.audienceId)) ||
          (c.visibility === "followers" &&
            !sources.connections.has(c.audienceId) &&
            !sources.followees.has(c.audienceId))),
    );
    const mentioned = new Set<string>();
    if (unsure.length > 0) {
      const rows = await db
        .selectFrom("post_mentions")
        .select("post_id")
        .where("actor_id", "=", viewerId)
        .where(
          inList(
            db,
            "post_id",
            unsure.map((c) => c.postId),
          ),
        )
        .execute();
      for (const row of rows) mentioned.add(row.post_id);
    }
    return candidates.filter((c) =>
      canSeePost(c, {
        anonymous: false,
        author: c.authorId === viewerId || c.audienceId === viewerId,
        mentioned: mentioned.has(c.postId),
        connection: sources.connections.has(c.audienceId),
        follower: sources.followees.has(c.audienceId),
        blocked: sources.blocked.has(c.authorId) || sources.blocked.has(c.audienceId),
      }),
    );
  };

  // A little more than wanted: the rows the rule hides then rarely call for a second read.
  const batch = Math.max(Math.ceil(options.limit * 1.25), 40);

  const posts: Candidate[] = [];
  if (authors.length > 0) {
    await windowed(
      {
        ...(await extentOf(db, "posts")),
        before: options.before ?? null,
        firstWindowMs: options.firstWindowMs ?? null,
      },
      batch,
      async (hi, lo) => {
        const writers = mayHaveWritten(authors, activity, "root", lo);
        if (writers.length === 0) return [];
        const rows = await rootsWindow(db, writers, batch, hi, lo);
        return (rows as [string, string, string, Visibility][]).map(
          ([id, authorId, audienceId, visibility]) => ({
            id,
            authorId,
            audienceId,
            visibility,
          }),
        );
      },
      async (rows) => {
        posts.push(
          ...(await visible(
            rows.map((r) => ({
              entryId: r.id,
              postId: r.id,
              sourceId: r.authorId,
              authorId: r.authorId,
              audienceId: r.audienceId,
              visibility: r.visibility,
            })),
          )),
        );
      },
      () => posts.length,
      options.limit,
    );
  }

  const boosts: Candidate[] = [];
  const boosterSet = new Set(boosters);
  if (!options.connectionsOnly) {
    // Boosts older than the last post that makes the page cannot make it either.
    const kept = posts.map((p) => p.entryId).sort();
    const floor = kept.length >= options.limit ? (kept[kept.length - options.limit] ?? null) : null;
    await windowed(
      {
        ...(await extentOf(db, "boosts")),
        before: options.before ?? null,
        floor,
      },
      batch,
      async (hi, lo) => {
        const writers = mayHaveWritten(boosters, activity, "boost", lo);
        if (writers.length === 0) return [];
        const rows = await boostsWindow(db, writers, batch, hi, lo);
        return (rows as [string, string, string, string, string, Visibility, string | null][]).map(
          ([id, postId, actorId, authorId, audienceId, visibility, parentId]) => ({
            id,
            postId,
            actorId,
            authorId,
            audienceId,
            visibility,
            parentId,
          }),
        );
      },
      async (rows) => {
        const candidates = rows
          // The viewer has the post itself already (a thread root by someone they follow).
          .filter((r) => !(r.parentId === null && authorSet.has(r.authorId)))
          .filter((r) => !excluded(r.authorId))
          .map((r) => ({
            entryId: r.id,
            postId: r.postId,
            sourceId: r.actorId,
            authorId: r.authorId,
            audienceId: r.audienceId,
            visibility: r.visibility,
          }));
        // A post boosted by several people comes once, with its first boost.
        const first = new Map<string, string>();
        if (candidates.length > 0) {
          // Every boost of these posts (a few each, by primary key), the earliest by a booster kept.
          const all = await db
            .selectFrom("boosts")
            .select(["post_id", "actor_id", "id"])
            .where(
              inList(
                db,
                "post_id",
                candidates.map((c) => c.postId),
              ),
            )
            .execute();
          for (const row of all) {
            if (!boosterSet.has(row.actor_id)) continue;
            const known = first.get(row.post_id);
            if (known === undefined || row.id < known) first.set(row.post_id, row.id);
          }
        }
        boosts.push(...(await visible(candidates.filter((c) => first.get(c.postId) === c.entryId))));
      },
      () => boosts.length,
      options.limit,
    );
  }

  return [...posts, ...boosts]
    .sort((a, b) => (a.entryId < b.entryId ? 1 : a.entryId > b.entryId ? -1 : 0))
    .slice(0, options.limit)
    .map(({ entryId, postId, sourceId }) => ({ entryId, postId, sourceId }));
}
