import { type Kysely, sql } from "kysely";
import { isSqlite } from "../../db/engine.ts";
import { inList } from "../../db/in-list.ts";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import { pgPeopleDocument } from "../../db/search-index.ts";
import { canSee, type Relation } from "../../domain/profile.ts";
import { fieldAudiences } from "../profiles/read.ts";
import { ftsQuery, tsQuery } from "./query.ts";

export interface PersonHit {
  id: string;
  handle: string;
  displayName: string;
  avatarKey: string | null;
  /** The headline if the viewer may see it (as on the profile page), else empty. */
  headline: string;
}

export const PEOPLE_LIMIT = 10;
/**
 * How far the "More results" pages of people go: they are ordered by relevance (no key to resume
 * from), so each page reads the ones before it again; past this many, refine the words instead.
 */
export const PEOPLE_MAX = 200;

type Db = Kysely<Database>;

/** Members found by anyone: discoverable, or named by their exact handle; none across a block with `me`. */
function findable(db: Db, signedIn: boolean, me: string, exactHandle: string) {
  const query = db
    .selectFrom("actors as a")
    .innerJoin("accounts as acc", "acc.actor_id", "a.id")
    .select(["a.id", "a.handle", "a.display_name", "a.avatar_key", "a.headline", "a.field_visibility"])
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

/** A row count given at run time (a prepared query's parameters are strings). */
const rows = (limit: string) => sql<number>`cast(${limit} as integer)`;

/**
 * Both queries are compiled once per database and kind of viewer (building their trees costs more
 * than running them); the viewer, the exact handle, the words and the number of rows are parameters.
 * Ties in relevance are broken by handle, so that pages follow one order.
 */
const byText = (signedIn: boolean) =>
  prepared(4, (db: Db, me: string, exactHandle: string, match: string, limit: string) => {
    const query = findable(db, signedIn, me, exactHandle);
    if (isSqlite(db))
      return query
        .innerJoin(sql<{ rowid: number }>`people_fts`.as("f"), (join) =>
          join.on(sql<boolean>`f.rowid = a.rowid`),
        )
        .where(sql<boolean>`people_fts match ${match}`)
        .orderBy(sql`bm25(people_fts, 4.0, 2.0, 1.0)`)
        .orderBy("a.handle")
        .limit(rows(limit));
    return query
      .where(sql<boolean>`${pgPeopleDocument} @@ to_tsquery('simple', ${match})`)
      .orderBy(sql`ts_rank(${pgPeopleDocument}, to_tsquery('simple', ${match}))`, "desc")
      .orderBy("a.handle")
      .limit(rows(limit));
  });
const byTag = (signedIn: boolean) =>
  prepared(4, (db: Db, me: string, exactHandle: string, tag: string, limit: string) =>
    findable(db, signedIn, me, exactHandle)
      .innerJoin("profile_tags as t", "t.actor_id", "a.id")
      .where("t.tag", "=", tag)
      .orderBy("a.handle")
      .limit(rows(limit)),
  );
const textForMembers = byText(true);
const textForVisitors = byText(false);
const tagForMembers = byTag(true);
const tagForVisitors = byTag(false);

/** Where a page of people starts, as written in a link (below PEOPLE_MAX), or 0 for anything else. */
export function peopleFromOrZero(value: string | null | undefined): number {
  const from = /^\d{1,4}$/.test(value ?? "") ? Number(value) : 0;
  return from < PEOPLE_MAX ? from : 0;
}

export interface PeopleHits {
  people: PersonHit[];
  /** Where the next page starts, or null when this one is the last. */
  next: number | null;
}

/**
 * Members whose name, handle or public headline has every word (as a prefix), then those with a public
 * profile tag equal to the query: the PEOPLE_LIMIT from `from` on (at most PEOPLE_MAX in all). People
 * who chose not to be discoverable are found only by their exact handle; nobody on the other side of
 * a block is found.
 */
export async function searchPeoplePage(
  db: Db,
  viewerId: string | null,
  terms: string[],
  from = 0,
): Promise<PeopleHits> {
  if (terms.length === 0) return { people: [], next: null };
  const start = Math.max(0, Math.min(Math.trunc(from), PEOPLE_MAX - 1));
  const end = Math.min(start + PEOPLE_LIMIT, PEOPLE_MAX);
  // One more than the page, to know whether another follows.
  const wanted = String(end + 1);
  const exactHandle = terms.join("_");
  const match = isSqlite(db) ? ftsQuery(terms) : tsQuery(terms);
  const me = viewerId ?? "";
  const found =
    viewerId === null
      ? await textForVisitors(db, me, exactHandle, match, wanted)
      : await textForMembers(db, me, exactHandle, match, wanted);
  if (found.length <= end) {
    // Every text match is in hand: the tagged people follow them.
    const tag = terms.join(" ");
    const tagged =
      viewerId === null
        ? await tagForVisitors(db, me, exactHandle, tag, wanted)
        : await tagForMembers(db, me, exactHandle, tag, wanted);
    const ids = new Set(found.map((r) => r.id));
    found.push(...tagged.filter((r) => !ids.has(r.id)));
  }
  const hits = found.slice(start, end).map((r) => ({ ...r, audience: fieldAudiences(r.field_visibility) }));
  // Whom the viewer is connected with matters only for a headline shown to connections.
  const connected = await connectedAmong(
    db,
    viewerId,
    hits.filter((r) => r.headline !== "" && r.audience.headline === "connections").map((r) => r.id),
  );
  const relation = (id: string): Relation =>
    viewerId === null ? "anonymous" : id === viewerId ? "self" : connected.has(id) ? "connection" : "member";
  const page = hits.map((r) => ({
    id: r.id,
    handle: r.handle,
    displayName: r.display_name,
    avatarKey: r.avatar_key,
    headline: canSee(r.audience.headline, relation(r.id)) ? r.headline : "",
  }));
  return { people: page, next: found.length > end && end < PEOPLE_MAX ? end : null };
}

/** Those of `ids` the viewer is connected with (nobody across a block is found by search at all). */
async function connectedAmong(db: Db, viewerId: string | null, ids: string[]): Promise<Set<string>> {
  if (viewerId === null || ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("connections")
    .select("other_id")
    .where("owner_id", "=", viewerId)
    .where(inList(db, "other_id", ids))
    .execute();
  return new Set(rows.map((r) => r.other_id));
}
