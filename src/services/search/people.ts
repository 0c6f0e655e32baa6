import { type Kysely, sql } from "kysely";
import { isSqlite } from "../../db/engine.ts";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import { ftsQuery, tsQuery } from "./query.ts";

export interface PersonHit {
  id: string;
  handle: string;
  displayName: string;
  avatarKey: string | null;
  headline: string;
}

export const PEOPLE_LIMIT = 10;

type Db = Kysely<Database>;

/** Members found by anyone: discoverable, or named by their exact handle; none across a block with `me`. */
function findable(db: Db, signedIn: boolean, me: string, exactHandle: string) {
  const query = db
    .selectFrom("actors as a")
    .innerJoin("accounts as acc", "acc.actor_id", "a.id")
    .select(["a.id", "a.handle", "a.display_name", "a.avatar_key", "a.headline"])
    .where((eb) => eb.or([eb("acc.discoverable", "=", 1), eb("a.handle", "=", exactHandle)]));
  if (!signedIn) return query;
  return query.where((eb) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom("blocks as b")
          .select("b.owner_id")
          .where((b) =>
            b.or([
              b.and([b("b.owner_id", "=", me), b("b.target_id", "=", b.ref("a.id"))]),
              b.and([b("b.target_id", "=", me), b("b.owner_id", "=", b.ref("a.id"))]),
            ]),
          ),
      ),
    ),
  );
}

/**
 * Both queries are compiled once per database and kind of viewer (building their trees costs more
 * than running them); the viewer, the exact handle and the words are parameters.
 */
const byText = (signedIn: boolean) =>
  prepared(3, (db: Db, me: string, exactHandle: string, match: string) => {
    const query = findable(db, signedIn, me, exactHandle);
    if (isSqlite(db))
      return query
        .innerJoin(sql<{ rowid: number }>`people_fts`.as("f"), (join) =>
          join.on(sql<boolean>`f.rowid = a.rowid`),
        )
        .where(sql<boolean>`people_fts match ${match}`)
        .orderBy(sql`bm25(people_fts, 4.0, 2.0, 1.0)`)
        .limit(PEOPLE_LIMIT);
    const document = sql`to_tsvector('simple', a.handle || ' ' || a.display_name || ' ' || a.headline)`;
    return query
      .where(sql<boolean>`${document} @@ to_tsquery('simple', ${match})`)
      .orderBy(sql`ts_rank(${document}, to_tsquery('simple', ${match}))`, "desc")
      .orderBy("a.handle")
      .limit(PEOPLE_LIMIT);
  });
const byTag = (signedIn: boolean) =>
  prepared(3, (db: Db, me: string, exactHandle: string, tag: string) =>
    findable(db, signedIn, me, exactHandle)
      .innerJoin("profile_tags as t", "t.actor_id", "a.id")
      .where("t.tag", "=", tag)
      .orderBy("a.handle")
      .limit(PEOPLE_LIMIT),
  );
const textForMembers = byText(true);
const textForVisitors = byText(false);
const tagForMembers = byTag(true);
const tagForVisitors = byTag(false);

/**
 * Members whose name, handle or headline has every word (as a prefix), then those with a public
 * profile tag equal to the query, at most PEOPLE_LIMIT. People who chose not to be discoverable are
 * found only by their exact handle; nobody on the other side of a block is found.
 */
export async function searchPeople(db: Db, viewerId: string | null, terms: string[]): Promise<PersonHit[]> {
  if (terms.length === 0) return [];
  const exactHandle = terms.join("_");
  const match = isSqlite(db) ? ftsQuery(terms) : tsQuery(terms);
  const me = viewerId ?? "";
  const found =
    viewerId === null
      ? await textForVisitors(db, me, exactHandle, match)
      : await textForMembers(db, me, exactHandle, match);
  const rest = PEOPLE_LIMIT - found.length;
  if (rest > 0) {
    const tag = terms.join(" ");
    const tagged =
      viewerId === null
        ? await tagForVisitors(db, me, exactHandle, tag)
        : await tagForMembers(db, me, exactHandle, tag);
    const ids = new Set(found.map((r) => r.id));
    found.push(...tagged.filter((r) => !ids.has(r.id)).slice(0, rest));
  }
  return found.map((r) => ({
    id: r.id,
    handle: r.handle,
    displayName: r.display_name,
    avatarKey: r.avatar_key,
    headline: r.headline,
  }));
}
