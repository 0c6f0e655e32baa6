import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { type CandidateSignals, type Reason, rankSuggestions } from "../../domain/suggestions.ts";
import type { Deps, Viewer } from "../deps.ts";
import type { Person } from "../graph/find.ts";

/** Bridges: the connections whose own connections are looked at — the most recent ones, bounded. */
export const MAX_BRIDGES = 250;
const MAX_CANDIDATES = 300;

export interface Suggestion {
  person: Person;
  reasons: Reason[];
  /** Up to three mutual connections, by name, for "Bob, Carol and 3 others". */
  mutualNames: string[];
}

/** Everyone the viewer must not be suggested: themselves, connections, blocks either way, mutes, dismissals, requests sent. */
async function excluded(db: Kysely<Database>, me: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("connections")
    .select("other_id as id")
    .where("owner_id", "=", me)
    .union(db.selectFrom("blocks").select("target_id as id").where("owner_id", "=", me))
    .union(db.selectFrom("blocks").select("owner_id as id").where("target_id", "=", me))
    .union(db.selectFrom("mutes").select("target_id as id").where("owner_id", "=", me))
    .union(db.selectFrom("suggestion_dismissals").select("dismissed_id as id").where("owner_id", "=", me))
    .union(
      db
        .selectFrom("connection_requests")
        .select("recipient_id as id")
        .where("sender_id", "=", me)
        .where("status", "in", ["pending", "ignored", "declined"]),
    )
    .execute();
  return new Set([me, ...rows.map((r) => r.id)]);
}

interface MutualSignal {
  count: number;
  /** Σ 1/ln(degree + 1) over the mutual connections — the SQL twin of domain `mutualWeight`. */
  score: number;
}

/**
 * Friends of friends, counted and weighted in the database, so only the best candidates travel:
 * the bridges are the viewer's most recent connections, each weighted by its own number of
 * connections (Adamic–Adar), and the viewer's existing connections are left out there too (once per
 * candidate, after grouping: a lookup per group costs less than a filter on every row).
 */
async function mutualSignals(db: Kysely<Database>, me: string): Promise<Map<string, MutualSignal>> {
  const rows = await sql<{ candidate: string; mutual: number; score: number }>`
    with bridges as (
      select other_id as id from connections where owner_id = ${me} order by created_at desc limit ${MAX_BRIDGES}
    ),
    weights as (
      select c.owner_id as id, 1.0 / ln(case when count(*) < 2 then 2 else count(*) end + 1) as weight
      from connections c where c.owner_id in (select id from bridges) group by c.owner_id
    )
    select c.other_id as candidate, count(*) as mutual, sum(w.weight) as score
    from weights w join connections c on c.owner_id = w.id
    where c.other_id <> ${me}
    group by c.other_id
    having not exists (select 1 from connections x where x.owner_id = ${me} and x.other_id = c.other_id)
    order by score desc
    limit ${MAX_CANDIDATES}`.execute(db);
  return new Map(rows.rows.map((r) => [r.candidate, { count: Number(r.mutual), score: Number(r.score) }]));
}

/** Up to three mutual connections of each chosen candidate, by name. */
async function mutualNames(
  db: Kysely<Database>,
  me: string,
  candidates: string[],
): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  if (candidates.length === 0) return names;
  // From the few candidates' connections to mine (a lookup each), not from all of mine to theirs.
  const rows = await db
    .selectFrom("connections as theirs")
    .select((eb) => [
      "theirs.other_id as candidate",
      // A scalar subquery: the name is read for the rows kept only.
      eb
        .selectFrom("actors as a")
        .select("a.display_name")
        .whereRef("a.id", "=", "theirs.owner_id")
        .as("display_name"),
    ])
    .where("theirs.other_id", "in", candidates)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("connections as mine")
          .select("mine.owner_id")
          .where("mine.owner_id", "=", me)
          .whereRef("mine.other_id", "=", "theirs.owner_id"),
      ),
    )
    .execute();
  for (const r of rows) {
    const list = names.get(r.candidate) ?? [];
    if (list.length < 3 && r.display_name !== null) list.push(r.display_name);
    names.set(r.candidate, list);
  }
  return names;
}

async function tagSignals(db: Kysely<Database>, me: string): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom("profile_tags as mine")
    .innerJoin("profile_tags as theirs", "theirs.tag", "mine.tag")
    .select(["theirs.actor_id", "theirs.tag"])
    .where("mine.actor_id", "=", me)
    .where("theirs.actor_id", "!=", me)
    .limit(5000)
    .execute();
  const shared = new Map<string, string[]>();
  for (const r of rows) shared.set(r.actor_id, [...(shared.get(r.actor_id) ?? []), r.tag]);
  return shared;
}

/** Members who are one of the viewer's offline contacts: linked, or with the contact's email. */
async function contactSignals(db: Kysely<Database>, me: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("contacts as c")
    .leftJoin("accounts as a", (join) =>
      join.on(sql`lower(${sql.ref("c.email")})`, "=", sql.ref("a.email")).on("c.email", "!=", ""),
    )
    .select(["c.name", "c.linked_actor_id", "a.actor_id"])
    .where("c.owner_id", "=", me)
    .where((eb) => eb.or([eb("c.linked_actor_id", "is not", null), eb("a.actor_id", "is not", null)]))
    .execute();
  const found = new Map<string, string>();
  for (const r of rows) {
    const id = r.linked_actor_id ?? r.actor_id;
    if (id) found.set(id, r.name);
  }
  return found;
}

/**
 * Ranked suggestions, each with why: mutual connections (Adamic–Adar weighted), shared public
 * interests and skills, offline contacts who joined. People who opted out are never suggested.
 */
export async function peopleYouMayKnow(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  limit = 10,
): Promise<Suggestion[]> {
  const me = viewer.accountId;
  const [skip, mutual, tags, contacts] = await Promise.all([
    excluded(deps.db, me),
    mutualSignals(deps.db, me),
    tagSignals(deps.db, me),
    contactSignals(deps.db, me),
  ]);
  const ids = new Set([...mutual.keys(), ...tags.keys(), ...contacts.keys()].filter((id) => !skip.has(id)));
  const candidates: CandidateSignals[] = [...ids].map((id) => ({
    id,
    mutualCount: mutual.get(id)?.count ?? 0,
    mutualScore: mutual.get(id)?.score ?? 0,
    sharedTags: tags.get(id) ?? [],
    contactName: contacts.get(id) ?? null,
  }));
  // Rank everyone, then look up the best few (most people are discoverable), more only if needed.
  const ranked = rankSuggestions(candidates, MAX_CANDIDATES);
  const chosen: typeof ranked = [];
  const byId = new Map<
    string,
    { id: string; handle: string; display_name: string; avatar_key: string | null }
  >();
  for (let start = 0; start < ranked.length && chosen.length < limit; start += limit * 3) {
    const slice = ranked.slice(start, start + limit * 3);
    const people = await deps.db
      .selectFrom("actors as p")
      .innerJoin("accounts as a", "a.actor_id", "p.id")
      .select(["p.id", "p.handle", "p.display_name", "p.avatar_key"])
      .where(
        "p.id",
        "in",
        slice.map((r) => r.id),
      )
      .where("a.discoverable", "=", 1)
      .execute();
    for (const person of people) byId.set(person.id, person);
    chosen.push(...slice.filter((r) => byId.has(r.id)).slice(0, limit - chosen.length));
  }
  const names = await mutualNames(
    deps.db,
    me,
    chosen.filter((c) => mutual.has(c.id)).map((c) => c.id),
  );
  return chosen.map((c) => {
    const p = byId.get(c.id);
    if (!p) throw new Error("unreachable: filtered above");
    return {
      person: { id: p.id, handle: p.handle, displayName: p.display_name, avatarKey: p.avatar_key },
      reasons: c.reasons,
      mutualNames: names.get(c.id) ?? [],
    };
  });
}

/** "Not interested": this person is never suggested to the viewer again. */
export async function dismissSuggestion(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  personId: string,
): Promise<void> {
  await deps.db
    .insertInto("suggestion_dismissals")
    .values({
      owner_id: viewer.accountId,
      dismissed_id: personId,
      created_at: deps.clock.now().toISOString(),
    })
    .onConflict((oc) => oc.columns(["owner_id", "dismissed_id"]).doNothing())
    .execute();
}
