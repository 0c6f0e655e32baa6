import { setImmediate as yieldToRequests } from "node:timers/promises";
import { type Kysely, type Selectable, sql } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/schema.ts";
import type { PostsTable } from "../../db/schema-posts.ts";
import { canSeePost } from "../../domain/posts/visibility.ts";
import type { Deps } from "../deps.ts";
import { enqueue } from "../jobs/queue.ts";
import { activeSince, isBoost, type TimelineEntry } from "./entries.ts";
import { ascending, type Delivery, type WriterDeps, writeDeliveries } from "./fanout-write.ts";
import { timelinesChanged } from "./touch.ts";

export const FANOUT_JOB = "timelines.fanout";

type Enqueuer = Pick<Deps, "clock" | "newId"> & { db: Kysely<Database> };
type FanoutDeps = WriterDeps & Pick<Deps, "clock">;

/**
 * Those of `owners` whose stored timeline holds `postId`: its own entry, or a boost's. Both are at
 * least as new as the post (ids are UUIDv7), so only the part of each timeline written since is read.
 */
function holders(db: Kysely<Database>, owners: readonly string[], postId: string) {
  return db
    .selectFrom("home_timeline")
    .select("owner_id")
    .where("owner_id", "in", owners)
    .where("entry_id", ">=", postId)
    .where("post_id", "=", postId);
}

/**
 * Queues the fan-out of a new post, or of a boost, into the home timelines of the people it reaches.
 * Call it with the transaction that writes the post or boost: the job exists only if they do.
 */
export async function enqueueFanout(
  deps: Enqueuer,
  target: { postId: string } | { boostId: string } | { postId: string; boosterId: string },
): Promise<boolean> {
  // The author (or booster) sees it in their own timeline at once, not after the job.
  let own: { owner_id: string }[] = [];
  if ("boosterId" in target) {
    own = await deps.db
      .insertInto("home_timeline")
      .columns(["owner_id", "entry_id", "post_id", "source_id"])
      .expression((eb) =>
        eb
          .selectFrom("boosts")
          .select(["actor_id", "id", "post_id", "actor_id"])
          .where("post_id", "=", target.postId)
          .where("actor_id", "=", target.boosterId)
          .where(({ not, exists }) => not(exists(holders(deps.db, [target.boosterId], target.postId)))),
      )
      .onConflict((oc) => oc.doNothing())
      .returning("owner_id")
      .execute();
  } else if ("postId" in target) {
    own = await deps.db
      .insertInto("home_timeline")
      .columns(["owner_id", "entry_id", "post_id", "source_id"])
      .expression((eb) =>
        eb
          .selectFrom("posts")
          .select(["author_id", "id", "id", "author_id"])
          .where("id", "=", target.postId)
          .where("parent_id", "is", null),
      )
      .onConflict((oc) => oc.doNothing())
      .returning("owner_id")
      .execute();
  }
  await timelinesChanged(
    deps.db,
    own.map((r) => r.owner_id),
  );
  return enqueue(deps, { kind: FANOUT_JOB, payload: target });
}

type Payload = z.infer<typeof payloadSchema>;
const payloadSchema = z.union([
  z.object({ postId: z.string().min(1), boosterId: z.string().min(1) }),
  z.object({ postId: z.string().min(1) }),
  z.object({ boostId: z.string().min(1) }),
]);

interface Recipient {
  id: string;
  follower: boolean;
  connection: boolean;
}

/**
 * Followers read per query, and between two, requests get their turn: a read of 2,000 (each joined
 * with their timeline's state) held the process 8 to 16 ms on the bench network, a posting request's
 * whole budget; 500 hold it 2 to 4.
 */
const FOLLOWERS_PER_READ = 500;

/**
 * Active people among `bringer`'s accepted followers and connections (and the bringer), in ascending
 * order, each with how they stand towards the bringer. People inactive for INACTIVE_DAYS are skipped
 * (their timeline is rebuilt when they come back). Followers are read in pages, as the SQLite driver
 * blocks the process while a statement runs.
 */
async function activeAudience(db: Kysely<Database>, bringer: string, since: string): Promise<Recipient[]> {
  const byId = new Map<string, Recipient>();
  const add = (id: string, kind: "follower" | "connection" | "self") => {
    let r = byId.get(id);
    if (!r) {
      r = { id, follower: false, connection: false };
      byId.set(id, r);
    }
    if (kind === "follower") r.follower = true;
    else if (kind === "connection") r.connection = true;
  };
  let after = "";
  for (;;) {
    const page = await db
      .selectFrom("follows as f")
      .innerJoin("home_timeline_state as s", "s.owner_id", "f.follower_id")
      .select("f.follower_id as id")
      .where("f.followee_id", "=", bringer)
      .where("f.status", "=", "accepted")
      .where("f.follower_id", ">", after)
      .where("s.seen_at", ">=", since)
      .orderBy("f.follower_id")
      .limit(FOLLOWERS_PER_READ)
      .execute();
    for (const row of page) add(row.id, "follower");
    if (page.length < FOLLOWERS_PER_READ) break;
    after = page[page.length - 1]?.id ?? after;
    await yieldToRequests();
  }
  const others = await db
    .selectFrom("connections as c")
    .innerJoin("home_timeline_state as s", "s.owner_id", "c.owner_id")
    .select(["c.owner_id as id", sql.lit("c").as("kind")])
    .where("c.other_id", "=", bringer)
    .where("s.seen_at", ">=", since)
    .unionAll((eb) =>
      eb
        .selectFrom("home_timeline_state")
        .select(["owner_id as id", sql.lit("s").as("kind")])
        .where("owner_id", "=", bringer)
        .where("seen_at", ">=", since),
    )
    .execute();
  for (const row of others) add(row.id, row.kind === "c" ? "connection" : "self");
  // In ascending order, as the writer merges several posts' recipients owner by owner.
  return [...byId.values()].sort((a, b) => ascending(a.id, b.id));
}

/** People who blocked, or are blocked by, any of `actors`. */
async function blockedWith(db: Kysely<Database>, actors: string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom("blocks")
    .select("target_id as id")
    .where("owner_id", "in", actors)
    .union((eb) => eb.selectFrom("blocks").select("owner_id as id").where("target_id", "in", actors))
    .execute();
  return new Set(rows.map((r) => r.id));
}

interface Target {
  entry: TimelineEntry;
  post: Pick<Selectable<PostsTable>, "id" | "author_id" | "audience_id" | "visibility" | "parent_id">;
}

/** The post (or boost) a fan-out job names, or null when it is gone or is a reply. */
async function targetOf(db: Kysely<Database>, payload: Payload): Promise<Target | null> {
  if ("postId" in payload && !("boosterId" in payload)) {
    const post = await db
      .selectFrom("posts")
      .select(["id", "author_id", "audience_id", "visibility", "parent_id"])
      .where("id", "=", payload.postId)
      .executeTakeFirst();
    if (!post || post.parent_id !== null) return null;
    return { post, entry: { entryId: post.id, postId: post.id, sourceId: post.author_id } };
  }
  const boost = await db
    .selectFrom("boosts as b")
    .innerJoin("posts as p", "p.id", "b.post_id")
    .select([
      "b.id as boost_id",
      "b.actor_id",
      "p.id",
      "p.author_id",
      "p.audience_id",
      "p.visibility",
      "p.parent_id",
    ])
    .$call((q) =>
      "boostId" in payload
        ? q.where("b.id", "=", payload.boostId)
        : q.where("b.post_id", "=", payload.postId).where("b.actor_id", "=", payload.boosterId),
    )
    .executeTakeFirst();
  if (!boost) return null;
  return { post: boost, entry: { entryId: boost.boost_id, postId: boost.id, sourceId: boost.actor_id } };
}

/** Who, among the bringer's active audience, receives the entry: `canSeePost` for each. */
async function recipientsOf(db: Kysely<Database>, target: Target, audience: Recipient[]): Promise<string[]> {
  const { post, entry } = target;
  const [blocked, mentionRows] = await Promise.all([
    blockedWith(db, [...new Set([post.author_id, post.audience_id, entry.sourceId])]),
    db.selectFrom("post_mentions").select("actor_id").where("post_id", "=", post.id).execute(),
  ]);
  const mentioned = new Set(mentionRows.map((r) => r.actor_id));
  // The relation to the post's audience owner: for a root post, the bringer is the author; for a boost
  // (always of a public post) only blocks and the author's own entry matter.
  const viaAuthor = entry.sourceId === post.audience_id;
  return audience
    .filter((r) =>
      canSeePost(post, {
        anonymous: false,
        author: r.id === post.author_id || r.id === post.audience_id,
        mentioned: mentioned.has(r.id),
        connection: viaAuthor ? r.connection : false,
        follower: viaAuthor ? r.follower : false,
        blocked: blocked.has(r.id),
      }),
    )
    .map((r) => r.id);
}

/**
 * The fan-out job: puts a new thread root (or a boost) into the home timeline of every active person
 * who follows or is connected with its author (or booster) and may see it by `canSeePost`. Replies
 * stay in their thread. Returns how many people it reached (the benchmark's denominator).
 */
export async function fanOut(deps: FanoutDeps, payload: unknown): Promise<number> {
  return fanOutMany(deps, [payload]);
}

/**
 * Several fan-outs at once (the jobs waiting when the runner comes to them): each bringer's audience is
 * read once, and the entries are written owner by owner, so that a person receiving several of them
 * costs one page write, not one per entry. Returns how many entries it wrote.
 */
export async function fanOutMany(deps: FanoutDeps, payloads: unknown[]): Promise<number> {
  const since = activeSince(deps.clock.now());
  const audiences = new Map<string, Recipient[]>();
  const deliveries: Delivery[] = [];
  for (const payload of payloads) {
    const target = await targetOf(deps.db, payloadSchema.parse(payload));
    if (!target) continue;
    const { entry } = target;
    let audience = audiences.get(entry.sourceId);
    if (!audience) {
      audience = await activeAudience(deps.db, entry.sourceId, since);
      audiences.set(entry.sourceId, audience);
    }
    const owners = await recipientsOf(deps.db, target, audience);
    deliveries.push({
      entry,
      owners: (await mayBeHeld(deps.db, entry)) ? await notHolding(deps.db, owners, entry.postId) : owners,
    });
    // Filtering 10,000 people takes about a millisecond: twenty posts waiting together held the
    // process 20 to 45 ms in one go (bench/timelines.ts, jobs inline), requests with it.
    await yieldToRequests();
  }
  return writeDeliveries(deps, onePerPost(deliveries));
}

/**
 * Whether someone may hold the entry's post already: through its own entry, for a boost; through a
 * boost, for a post boosted before its fan-out ran (the booster's own entry is written at once). A post
 * nobody boosted can only be held by its own entry, which the table's key keeps to one.
 */
async function mayBeHeld(db: Kysely<Database>, entry: TimelineEntry): Promise<boolean> {
  if (isBoost(entry)) return true;
  const boost = await db
    .selectFrom("boosts")
    .select("id")
    .where("post_id", "=", entry.postId)
    .executeTakeFirst();
  return boost !== undefined;
}

/** Of `owners` (in ascending order), those whose stored timeline does not hold `postId`. */
async function notHolding(db: Kysely<Database>, owners: string[], postId: string): Promise<string[]> {
  const held = new Set<string>();
  for (let i = 0; i < owners.length; i += FOLLOWERS_PER_READ) {
    const rows = await holders(db, owners.slice(i, i + FOLLOWERS_PER_READ), postId).execute();
    for (const row of rows) held.add(row.owner_id);
    if (i + FOLLOWERS_PER_READ < owners.length) await yieldToRequests();
  }
  return held.size === 0 ? owners : owners.filter((o) => !held.has(o));
}

/**
 * One entry per post and owner within a batch: a boost goes to no one who gets its post, or another
 * boost of it, earlier in the same batch (a post's own entry comes first: ids are UUIDv7).
 */
function onePerPost(deliveries: Delivery[]): Delivery[] {
  const count = new Map<string, number>();
  for (const d of deliveries) count.set(d.entry.postId, (count.get(d.entry.postId) ?? 0) + 1);
  if (deliveries.length === count.size) return deliveries;
  const given = new Map<string, Set<string>>();
  return [...deliveries]
    .sort((a, b) => ascending(a.entry.entryId, b.entry.entryId))
    .map((d) => {
      if ((count.get(d.entry.postId) ?? 0) < 2) return d;
      const earlier = given.get(d.entry.postId) ?? new Set<string>();
      given.set(d.entry.postId, earlier);
      const owners = d.owners.filter((o) => !earlier.has(o));
      for (const o of owners) earlier.add(o);
      return { entry: d.entry, owners };
    });
}
