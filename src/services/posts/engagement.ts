import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { isReaction, REACTION_KEYS, type ReactionKey } from "../../domain/posts/reactions.ts";
import type { Deps } from "../deps.ts";
import type { Person } from "../graph/find.ts";
import { livePost } from "./visible.ts";

/** People per page of a post's reactions or boosts. */
export const ENGAGEMENT_PAGE_SIZE = 40;

export interface Engaged extends Person {
  /** The reaction, on the list of reactions; null on the list of boosts. */
  reaction: ReactionKey | null;
}

export interface EngagementPage {
  people: Engaged[];
  /** Where the next page starts (`before`), or null. */
  next: string | null;
  /**
   * On the list of reactions: how many of each reaction the viewer can see listed (people in a block
   * with the viewer left out, as on the list), in REACTION_KEYS order, zeros left out; and their sum.
   * These are the page's own counts, not the post card's stored totals. Empty on the list of boosts.
   */
  tallies: { key: ReactionKey; count: number }[];
  total: number;
}

/** A page's cursor: the last row's time and actor, newest first. */
const cursorOf = (at: string, actorId: string) => `${at}_${actorId}`;
function parseCursor(before: string | undefined): { at: string; actorId: string } | null {
  const match = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)_([0-9a-f-]{36})$/.exec(before ?? "");
  return match ? { at: match[1] as string, actorId: match[2] as string } : null;
}

type Source = "reactions" | "boosts";

/** Either table of engagement, as `e`: the columns the filter below reads, which both have. */
type Engagements = Pick<Database, "blocks"> & { e: { post_id: string; actor_id: string } };

/**
 * Who reacted to a post (optionally with one reaction) or boosted it, newest first, as people the
 * viewer can see: the post must be visible to the viewer (NotFound otherwise), and people in a block
 * with the viewer, either way, are left out.
 */
export async function postEngagement(
  deps: Pick<Deps, "db">,
  viewerId: string | null,
  postId: string,
  options: { of: Source; reaction?: string | undefined; before?: string | undefined },
): Promise<EngagementPage> {
  await livePost(deps.db, viewerId, postId);
  const reaction = options.of === "reactions" && isReaction(options.reaction) ? options.reaction : null;
  const [rows, tallies] = await Promise.all([
    engagementRows(deps.db, viewerId, postId, options.of, reaction, parseCursor(options.before)),
    options.of === "reactions" ? reactionTallies(deps.db, viewerId, postId) : Promise.resolve([]),
  ]);
  const more = rows.length > ENGAGEMENT_PAGE_SIZE;
  const people = rows.slice(0, ENGAGEMENT_PAGE_SIZE);
  const last = people.at(-1);
  return {
    people: people.map((r) => ({
      id: r.actor_id,
      handle: r.handle,
      displayName: r.display_name,
      avatarKey: r.avatar_key,
      reaction: isReaction(r.emoji) ? r.emoji : null,
    })),
    next: more && last ? cursorOf(last.created_at, last.actor_id) : null,
    tallies,
    total: tallies.reduce((sum, t) => sum + t.count, 0),
  };
}

/**
 * The filter on a post's reactions or boosts (as `e`) that keeps those the viewer may see listed:
 * people in a block with the viewer, either way, are left out. The list and its counts share it, so
 * the counts never include someone the list leaves out.
 */
function listedTo(viewerId: string | null, postId: string) {
  return (eb: ExpressionBuilder<Engagements, "e">): Expression<SqlBool> => {
    const onPost = eb("e.post_id", "=", postId);
    if (viewerId === null) return onPost;
    return eb.and([
      onPost,
      eb(
        "e.actor_id",
        "not in",
        eb.selectFrom("blocks").select("target_id").where("owner_id", "=", viewerId),
      ),
      eb(
        "e.actor_id",
        "not in",
        eb.selectFrom("blocks").select("owner_id").where("target_id", "=", viewerId),
      ),
    ]);
  };
}

/** How many of each reaction the viewer can see listed, in one grouped query. */
async function reactionTallies(db: Kysely<Database>, viewerId: string | null, postId: string) {
  const rows = await db
    .selectFrom("reactions as e")
    .innerJoin("actors as a", "a.id", "e.actor_id")
    .where(listedTo(viewerId, postId))
    .select(["e.emoji", (eb) => eb.fn.countAll<number | string>().as("n")])
    .groupBy("e.emoji")
    .execute();
  const counts = new Map(rows.map((r) => [r.emoji, Number(r.n)]));
  return REACTION_KEYS.flatMap((key) => {
    const count = counts.get(key) ?? 0;
    return count > 0 ? [{ key, count }] : [];
  });
}

function engagementRows(
  db: Kysely<Database>,
  viewerId: string | null,
  postId: string,
  of: Source,
  reaction: ReactionKey | null,
  before: { at: string; actorId: string } | null,
) {
  const reactions = db.selectFrom("reactions as e").select("e.emoji");
  const base =
    of === "boosts"
      ? db.selectFrom("boosts as e").select(sql<string | null>`null`.as("emoji"))
      : reaction === null
        ? reactions
        : reactions.where("e.emoji", "=", reaction);
  let query = base
    .innerJoin("actors as a", "a.id", "e.actor_id")
    .select(["e.actor_id", "e.created_at", "a.handle", "a.display_name", "a.avatar_key"])
    .where(listedTo(viewerId, postId));
  if (before)
    query = query.where((eb) =>
      eb.or([
        eb("e.created_at", "<", before.at),
        eb.and([eb("e.created_at", "=", before.at), eb("e.actor_id", "<", before.actorId)]),
      ]),
    );
  return query
    .orderBy("e.created_at", "desc")
    .orderBy("e.actor_id", "desc")
    .limit(ENGAGEMENT_PAGE_SIZE + 1)
    .execute();
}
