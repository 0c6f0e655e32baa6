import { type Compilable, type ExpressionBuilder, type Kysely, sql } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import type { PostsTable } from "../../db/schema-posts.ts";
import { whereVisibleTo } from "./visible.ts";

/**
 * The queries behind post cards. They run on every timeline, profile and thread view, where building
 * and compiling their trees cost more than running them, so each is compiled once per shape: the id
 * list is padded to a bucket size (with "", which no post has), the viewer is a parameter. Longer
 * lists (rare) are built on the spot.
 */
const BUCKETS = [4, 20, 60];

type Db = Kysely<Database>;
type Builder<R> = (db: Db, me: string, ids: string[]) => Compilable<R>;
type RowOf<B> = B extends Builder<infer R> ? R : never;

const postsQuery = (filtered: boolean, signedIn: boolean) => (db: Db, me: string, ids: string[]) => {
  const query = db
    .selectFrom("posts as p")
    .innerJoin("actors as a", "a.id", "p.author_id")
    .leftJoin("posts as r", "r.id", "p.root_id")
    .select([
      "p.id",
      "p.author_id",
      "p.body",
      "p.body_ast",
      "p.visibility",
      "p.root_id",
      "p.parent_id",
      "p.event_id",
      "p.comments_closed",
      "p.reply_count",
      "p.comment_count",
      "p.deleted_at",
      "p.reaction_count",
      "p.boost_count",
      "p.created_at",
      "p.edited_at",
      "r.comments_closed as root_closed",
      "a.handle",
      "a.display_name",
      "a.avatar_key",
    ])
    .where("p.id", "in", ids);
  return filtered ? query.where(whereVisibleTo(signedIn ? me : null, "p")) : query;
};

/**
 * The comments under each card that the viewer may not see (its thread's for a root, its direct replies
 * for a comment), placeholders left out: the stored count less these is what the viewer sees. Only the
 * comments that may be hidden are put to the visibility rule. Whoever sees a thread's root sees every
 * comment with the same visibility — a comment has the root's audience, and one for the people
 * mentioned names everyone its parent did and its parent's author (create.ts) — unless a block stands
 * between them and its author. The same holds under a comment, except for the comment's own author,
 * who sees it for having written it. Under a root, the replies below a hidden comment are hidden too
 * (the thread is drawn from its root down: thread.ts), found by a recursive walk down from it.
 */
const hiddenQuery = (signedIn: boolean) => (db: Db, me: string, ids: string[]) => {
  type Pair = ExpressionBuilder<Database & { c: PostsTable; u: PostsTable }, "c" | "u">;
  const mayBeHidden = (under: "root" | "comment") => (eb: Pair) => {
    const narrower = eb("c.visibility", "<>", eb.ref("u.visibility"));
    if (!signedIn) return narrower;
    const blockedWith = eb
      .selectFrom("blocks")
      .select("target_id as id")
      .where("owner_id", "=", me)
      .union(eb.selectFrom("blocks").select("owner_id as id").where("target_id", "=", me));
    const cases = [narrower, eb("c.author_id", "in", blockedWith)];
    if (under === "comment") cases.push(eb("u.author_id", "=", me));
    return eb.or(cases);
  };
  // The rule only where it may say no (a CASE is read in order, on both engines).
  const hiddenByRule = (under: "root" | "comment") => (eb: Pair) =>
    eb
      .case()
      .when(mayBeHidden(under)(eb))
      .then(eb.not(whereVisibleTo(signedIn ? me : null, "c")(eb)))
      .else(eb.lit(false))
      .end();
  // Under a root, a thread is drawn from the root down: a comment hidden takes the replies under it
  // (by anyone) out of what the viewer reads, so they are hidden too.
  return db
    .withRecursive("hidden_comments(id, root_id)", (db) =>
      db
        .selectFrom("posts as u")
        .innerJoin("posts as c", "c.root_id", "u.id")
        .select(["c.id", "c.root_id"])
        .where("u.id", "in", ids)
        .where("u.root_id", "is", null)
        .where(hiddenByRule("root"))
        .union((db) =>
          db
            .selectFrom("posts as k")
            .innerJoin("hidden_comments as h", "h.id", "k.parent_id")
            .select(["k.id", "k.root_id"]),
        ),
    )
    .selectFrom("hidden_comments as h")
    .innerJoin("posts as c", "c.id", "h.id")
    .select(["h.root_id as post_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("c.deleted_at", "is", null)
    .groupBy("h.root_id")
    .unionAll(
      // From the comment cards (by key) to the replies right under them (by the parent index).
      db
        .selectFrom("posts as u")
        .innerJoin("posts as c", "c.parent_id", "u.id")
        .select(["u.id as post_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where("u.id", "in", ids)
        .where("u.root_id", "is not", null)
        .where("c.deleted_at", "is", null)
        .where(hiddenByRule("comment"))
        .groupBy("u.id"),
    );
};

const listQueries = {
  media: (db: Db, _me: string, ids: string[]) =>
    db
      .selectFrom("post_media")
      .selectAll()
      .where("post_id", "in", ids)
      .orderBy("post_id")
      .orderBy("position"),
  polls: (db: Db, _me: string, ids: string[]) =>
    db.selectFrom("polls").selectAll().where("post_id", "in", ids),
  options: (db: Db, _me: string, ids: string[]) =>
    db
      .selectFrom("poll_options")
      .selectAll()
      .where("post_id", "in", ids)
      .orderBy("post_id")
      .orderBy("position"),
  tallies: (db: Db, _me: string, ids: string[]) =>
    db
      .selectFrom("reactions")
      .select(["post_id", "emoji", (eb) => eb.fn.countAll<number>().as("n")])
      .where("post_id", "in", ids)
      .groupBy(["post_id", "emoji"]),
  mine: (db: Db, me: string, ids: string[]) =>
    db
      .selectFrom("reactions")
      .select(["post_id", "emoji as value", sql.lit("reaction").as("what")])
      .where("actor_id", "=", me)
      .where("post_id", "in", ids)
      .unionAll((eb) =>
        eb
          .selectFrom("boosts")
          .select(["post_id", sql.lit("").as("value"), sql.lit("boost").as("what")])
          .where("actor_id", "=", me)
          .where("post_id", "in", ids),
      )
      .unionAll((eb) =>
        eb
          .selectFrom("bookmarks")
          .select(["post_id", sql.lit("").as("value"), sql.lit("bookmark").as("what")])
          .where("actor_id", "=", me)
          .where("post_id", "in", ids),
      )
      .unionAll((eb) =>
        eb
          .selectFrom("poll_votes")
          .select(["post_id", "option_id as value", sql.lit("vote").as("what")])
          .where("actor_id", "=", me)
          .where("post_id", "in", ids),
      ),
};

type Run = (db: Db, me: string, ids: string[]) => Promise<unknown[]>;
const compiled = new Map<string, Run>();

function run<R>(key: string, build: Builder<R>, db: Db, me: string, ids: readonly string[]): Promise<R[]> {
  const size = BUCKETS.find((b) => ids.length <= b);
  if (size === undefined) return db.executeQuery(build(db, me, [...ids]).compile()).then((r) => r.rows);
  const cacheKey = `${key}:${size}`;
  let query = compiled.get(cacheKey);
  if (!query) {
    const once = prepared(size + 1, (db: Db, me: string, ...list: string[]) => build(db, me, list));
    query = (db, me, list) => once(db, me, ...list);
    compiled.set(cacheKey, query);
  }
  const padded = [...ids, ...Array<string>(size - ids.length).fill("")];
  return query(db, me, padded) as Promise<R[]>;
}

/** The posts themselves, with author and root; `filtered` adds the visibility rule for the viewer. */
export function cardPosts(db: Db, viewerId: string | null, ids: readonly string[], filtered: boolean) {
  const build = postsQuery(filtered, viewerId !== null);
  return run(`posts:${filtered}:${viewerId !== null}`, build, db, viewerId ?? "", ids);
}

/** How many comments under each card the viewer may not see (`hiddenQuery`). */
export function cardHiddenComments(db: Db, viewerId: string | null, ids: readonly string[]) {
  const build = hiddenQuery(viewerId !== null);
  return run(`hidden:${viewerId !== null}`, build, db, viewerId ?? "", ids);
}

/** Media, polls, poll options, reaction tallies, or the viewer's own reactions/boosts/bookmarks/votes. */
export function cardDetails<K extends keyof typeof listQueries>(
  db: Db,
  which: K,
  viewerId: string | null,
  ids: readonly string[],
): Promise<RowOf<(typeof listQueries)[K]>[]> {
  return run(which, listQueries[which] as Builder<RowOf<(typeof listQueries)[K]>>, db, viewerId ?? "", ids);
}
