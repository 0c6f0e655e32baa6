import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import { canSeePost, type Visibility } from "../../domain/posts/visibility.ts";
import type { TimelineEntry } from "./entries.ts";
import { mergeNewest } from "./merge-newest.ts";
import { loadSources, type Sources } from "./sources.ts";

type Db = Kysely<Database>;

/** Compiled once per database, cursor or not, and batch size (a few sizes: they double). */
function cachedBy<Q>(make: (withCursor: boolean, count: number) => Q) {
  const made = new Map<string, Q>();
  return (withCursor: boolean, count: number): Q => {
    const key = `${withCursor}:${count}`;
    let query = made.get(key);
    if (!query) {
      query = make(withCursor, count);
      made.set(key, query);
    }
    return query;
  };
}

/** A person's newest thread roots (one index range: posts_roots_by_author). */
const rootsOf = cachedBy((withCursor, count) =>
  prepared(withCursor ? 2 : 1, (db: Db, author: string, before?: string) => {
    let query = db
      .selectFrom("posts")
      .select(["id", "author_id", "audience_id", "visibility"])
      .where("author_id", "=", author)
      .where("parent_id", "is", null);
    if (withCursor && before !== undefined) query = query.where("id", "<", before);
    return query.orderBy("id", "desc").limit(count);
  }),
);

/** A person's newest boosts, with what the rule needs of the boosted post (boosts_actor_id). */
const boostsOf = cachedBy((withCursor, count) =>
  prepared(withCursor ? 2 : 1, (db: Db, booster: string, before?: string) => {
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
      .where("b.actor_id", "=", booster);
    if (withCursor && before !== undefined) query = query.where("b.id", "<", before);
    return query.orderBy("b.id", "desc").limit(count);
  }),
);

/** Rows read from each person at first: enough, spread evenly, for the page (at least 4). */
const firstBatch = (limit: number, people: number) =>
  Math.min(limit, Math.max(4, Math.ceil((2 * limit) / Math.max(1, people))));

export interface OnReadOptions {
  /** Entries strictly older than this entry id. */
  before?: string | null;
  limit: number;
  /** Only posts written by the viewer's connections (no boosts). */
  connectionsOnly?: boolean;
  /** Already loaded by the caller. */
  sources?: Sources;
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
  const sources = options.sources ?? (await loadSources(db, viewerId));
  const excluded = (id: string) => sources.blocked.has(id) || sources.muted.has(id);
  const people = options.connectionsOnly
    ? [...sources.connections]
    : [...new Set([...sources.followees, ...sources.connections])];
  const bringers = people.filter((id) => !excluded(id));
  const authors = options.connectionsOnly ? bringers : [...bringers, viewerId];
  const authorSet = new Set(authors);

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
          "post_id",
          "in",
          unsure.map((c) => c.postId),
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

  const posts: Candidate[] = [];
  if (authors.length > 0) {
    await mergeNewest(
      authors,
      (author, before, count) =>
        before === null ? rootsOf(false, count)(db, author) : rootsOf(true, count)(db, author, before),
      { before: options.before ?? null, first: firstBatch(options.limit, authors.length) },
      async (rows) => {
        posts.push(
          ...(await visible(
            rows.map((r) => ({
              entryId: r.id,
              postId: r.id,
              sourceId: r.author_id,
              authorId: r.author_id,
              audienceId: r.audience_id,
              visibility: r.visibility,
            })),
          )),
        );
      },
      () => posts.length >= options.limit,
    );
  }

  const boosts: Candidate[] = [];
  // The viewer's own boosts show in their timeline too.
  const boosters = [...bringers, viewerId];
  const boosterSet = new Set(boosters);
  if (!options.connectionsOnly) {
    // Boosts older than the last post that makes the page cannot make it either.
    const kept = posts.map((p) => p.entryId).sort();
    const floor = kept.length >= options.limit ? (kept[kept.length - options.limit] ?? null) : null;
    await mergeNewest(
      boosters,
      (booster, before, count) =>
        before === null ? boostsOf(false, count)(db, booster) : boostsOf(true, count)(db, booster, before),
      { before: options.before ?? null, floor, first: firstBatch(options.limit, boosters.length) },
      async (rows) => {
        const candidates = rows
          // The viewer has the post itself already (a thread root by someone they follow).
          .filter((r) => !(r.parent_id === null && authorSet.has(r.author_id)))
          .filter((r) => !excluded(r.author_id))
          .map((r) => ({
            entryId: r.id,
            postId: r.post_id,
            sourceId: r.actor_id,
            authorId: r.author_id,
            audienceId: r.audience_id,
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
              "post_id",
              "in",
              candidates.map((c) => c.postId),
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
      () => boosts.length >= options.limit,
    );
  }

  return [...posts, ...boosts]
    .sort((a, b) => (a.entryId < b.entryId ? 1 : a.entryId > b.entryId ? -1 : 0))
    .slice(0, options.limit)
    .map(({ entryId, postId, sourceId }) => ({ entryId, postId, sourceId }));
}
