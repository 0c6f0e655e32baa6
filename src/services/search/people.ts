import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { isSqlite } from "./engine.ts";
import { ftsQuery, tsQuery } from "./query.ts";

export interface PersonHit {
  id: string;
  handle: string;
  displayName: string;
  avatarKey: string | null;
  headline: string;
}

export const PEOPLE_LIMIT = 10;

/**
 * Members whose name, handle or headline has every word (as a prefix), then those with a public
 * profile tag equal to the query. People who chose not to be discoverable are found only by their
 * exact handle; nobody on the other side of a block is found.
 */
export async function searchPeople(
  db: Kysely<Database>,
  viewerId: string | null,
  terms: string[],
  limit = PEOPLE_LIMIT,
): Promise<PersonHit[]> {
  if (terms.length === 0) return [];
  const exactHandle = terms.join("_");
  const base = () => {
    let query = db
      .selectFrom("actors as a")
      .innerJoin("accounts as acc", "acc.actor_id", "a.id")
      .select(["a.id", "a.handle", "a.display_name", "a.avatar_key", "a.headline"])
      .where((eb) => eb.or([eb("acc.discoverable", "=", 1), eb("a.handle", "=", exactHandle)]));
    if (viewerId !== null)
      query = query.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("blocks as b")
              .select("b.owner_id")
              .where((b) =>
                b.or([
                  b.and([b("b.owner_id", "=", viewerId), b("b.target_id", "=", b.ref("a.id"))]),
                  b.and([b("b.target_id", "=", viewerId), b("b.owner_id", "=", b.ref("a.id"))]),
                ]),
              ),
          ),
        ),
      );
    return query;
  };
  const byText = isSqlite(db)
    ? await base()
        .innerJoin(sql<{ rowid: number }>`people_fts`.as("f"), (join) =>
          join.on(sql<boolean>`f.rowid = a.rowid`),
        )
        .where(sql<boolean>`people_fts match ${ftsQuery(terms)}`)
        .orderBy(sql`bm25(people_fts, 4.0, 2.0, 1.0)`)
        .limit(limit)
        .execute()
    : await base()
        .where(
          sql<boolean>`to_tsvector('simple', a.handle || ' ' || a.display_name || ' ' || a.headline) @@ to_tsquery('simple', ${tsQuery(terms)})`,
        )
        .orderBy(
          sql`ts_rank(to_tsvector('simple', a.handle || ' ' || a.display_name || ' ' || a.headline), to_tsquery('simple', ${tsQuery(terms)}))`,
          "desc",
        )
        .orderBy("a.handle")
        .limit(limit)
        .execute();
  const found = new Set(byText.map((r) => r.id));
  const rest = limit - byText.length;
  const byTag =
    rest > 0
      ? await base()
          .innerJoin("profile_tags as t", "t.actor_id", "a.id")
          .where("t.tag", "=", terms.join(" "))
          .orderBy("a.handle")
          .limit(limit)
          .execute()
      : [];
  return [...byText, ...byTag.filter((r) => !found.has(r.id)).slice(0, Math.max(0, rest))].map((r) => ({
    id: r.id,
    handle: r.handle,
    displayName: r.display_name,
    avatarKey: r.avatar_key,
    headline: r.headline,
  }));
}
