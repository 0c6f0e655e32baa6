import type { Deps, Viewer } from "../deps.ts";
import { loadPostCards, type PostCard } from "../posts/cards.ts";
import { isBoost, type TimelineEntry } from "./entries.ts";

export interface TimelineItem {
  /** The entry's id: the cursor, and the JSON status id. */
  entryId: string;
  card: PostCard;
  /** Who boosted it into this timeline. */
  boostedBy: { id: string; handle: string; displayName: string; at: string } | null;
}

/**
 * Turns entries into what a page shows: post cards (each checked again by the visibility rule, so a
 * post deleted, narrowed or blocked since the fan-out is left out) and who boosted what. For a stored
 * timeline (`ownerId`), entries that no longer show are removed from it.
 */
export async function timelineItems(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Pick<Viewer, "accountId"> | null,
  entries: readonly TimelineEntry[],
  options: { ownerId?: string } = {},
): Promise<TimelineItem[]> {
  const boostIds = entries.filter(isBoost).map((e) => e.entryId);
  const [cards, boosts] = await Promise.all([
    loadPostCards(
      deps,
      viewer,
      entries.map((e) => e.postId),
    ),
    boostIds.length === 0
      ? Promise.resolve([])
      : deps.db
          .selectFrom("boosts as b")
          .innerJoin("actors as a", "a.id", "b.actor_id")
          .select(["b.id", "b.actor_id", "b.created_at", "a.handle", "a.display_name"])
          .where("b.id", "in", boostIds)
          .execute(),
  ]);
  const cardOf = new Map(cards.map((c) => [c.id, c]));
  const boostOf = new Map(boosts.map((b) => [b.id, b]));
  const items: TimelineItem[] = [];
  const gone: string[] = [];
  for (const entry of entries) {
    const card = cardOf.get(entry.postId);
    const boost = isBoost(entry) ? boostOf.get(entry.entryId) : undefined;
    if (!card || (isBoost(entry) && !boost)) {
      gone.push(entry.entryId);
      continue;
    }
    items.push({
      entryId: entry.entryId,
      card,
      boostedBy: boost
        ? { id: boost.actor_id, handle: boost.handle, displayName: boost.display_name, at: boost.created_at }
        : null,
    });
  }
  if (options.ownerId && gone.length > 0) {
    await deps.db
      .deleteFrom("home_timeline")
      .where("owner_id", "=", options.ownerId)
      .where("entry_id", "in", gone)
      .execute();
  }
  return items;
}
