import type { Locale } from "../../i18n/index.ts";
import type { Deps } from "../deps.ts";
import { accountLocale, findLocalActor } from "../profiles/read.ts";
import { loadPostCards, type PostCard } from "./cards.ts";
import { whereVisibleTo } from "./visible.ts";

const FEED_SIZE = 20;

export interface AuthorFeed {
  /** Their account's language: the feed speaks for them, whoever reads it. */
  author: { handle: string; displayName: string; locale: Locale };
  posts: PostCard[];
}

/**
 * A person's latest public posts (not comments, nor what they wrote on a meetup's page), for their
 * Atom/RSS feed: what a visitor sees of them on their profile.
 */
export async function authorFeed(deps: Pick<Deps, "db" | "clock">, handle: string): Promise<AuthorFeed> {
  const actor = await findLocalActor(deps, handle);
  const rows = await deps.db
    .selectFrom("posts")
    .select("id")
    .where("author_id", "=", actor.id)
    .where("root_id", "is", null)
    // What they wrote in a meetup's discussion lives on the meetup's page (as on their profile).
    .where("event_id", "is", null)
    .where(whereVisibleTo(null))
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(FEED_SIZE)
    .execute();
  const posts = await loadPostCards(
    deps,
    null,
    rows.map((r) => r.id),
    { alreadyVisible: true },
  );
  const locale = await accountLocale(deps, actor.id);
  return { author: { handle: actor.handle, displayName: actor.display_name, locale }, posts };
}
