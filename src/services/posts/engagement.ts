import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { isReaction, type ReactionKey } from "../../domain/posts/reactions.ts";
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
}

/** A page's cursor: the last row's time and actor, newest first. */
const cursorOf = (at: string, actorId: string) => `${at}_${actorId}`;
function parseCursor(before: string | undefined): { at: string; actorId: string } | null {
  const match = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)_([0-9a-f-]{36})$/.exec(before ?? "");
  return match ? { at: match[1] as string, actorId: match[2] as string } : null;
}

type Source = "reactions" | "boosts";

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
  const rows = await engagementRows(
    deps.db,
    viewerId,
    postId,
    options.of,
    reaction,
    parseCursor(options.before),
  );
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
  };
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
    .where("e.post_id", "=", postId);
  if (before)
    query = query.where((eb) =>
      eb.or([
        eb("e.created_at", "<", before.at),
        eb.and([eb("e.created_at", "=", before.at), eb("e.actor_id", "<", before.actorId)]),
      ]),
    );
  if (viewerId !== null)
    query = query
      .where("e.actor_id", "not in", (eb) =>
        eb.selectFrom("blocks").select("target_id").where("owner_id", "=", viewerId),
      )
      .where("e.actor_id", "not in", (eb) =>
        eb.selectFrom("blocks").select("owner_id").where("target_id", "=", viewerId),
      );
  return query
    .orderBy("e.created_at", "desc")
    .orderBy("e.actor_id", "desc")
    .limit(ENGAGEMENT_PAGE_SIZE + 1)
    .execute();
}
