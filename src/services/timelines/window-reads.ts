/**
 * The reads fan-out on read repeats for every window of time (src/services/timelines/windows.ts): where
 * the posts and boosts begin and end, and the rows of a window by some people.
 */
import { type Compilable, type Expression, type Kysely, sql } from "kysely";
import { inJsonList } from "../../db/in-list.ts";
import { prepared, preparedTuples } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import type { Extent } from "./windows.ts";

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

export async function extentOf(db: Kysely<Database>, table: "posts" | "boosts"): Promise<Extent> {
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
export const rootsWindow = windowReads((db, people, { hi, lo }, limit) => {
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
export const boostsWindow = windowReads((db, people, { hi, lo }, limit) => {
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
