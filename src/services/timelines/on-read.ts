import type { Kysely } from "kysely";
import { inList } from "../../db/in-list.ts";
import type { Database } from "../../db/schema.ts";
import { canSeePost, type Visibility } from "../../domain/posts/visibility.ts";
import { mayHaveWritten } from "./activity.ts";
import type { TimelineEntry } from "./entries.ts";
import { loadSources } from "./sources.ts";
import { boostsWindow, extentOf, rootsWindow } from "./window-reads.ts";
import { windowed } from "./windows.ts";

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
    // The rule needs "mentioned" only for posts to the people mentioned.
    const unsure = candidates.filter(
      (c) => c.visibility === "mentioned" && c.authorId !== viewerId && c.audienceId !== viewerId,
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
