import type { Deps, Viewer } from "../deps.ts";
import { loadPostCards, type PostCard } from "../posts/cards.ts";
import { searchHashtags } from "./hashtags.ts";
import { type PersonHit, searchPeople } from "./people.ts";
import { searchPosts } from "./posts.ts";
import { searchTerms } from "./query.ts";

export interface SearchResults {
  query: string;
  people: PersonHit[];
  posts: PostCard[];
  hashtags: string[];
}

/** People, posts and hashtags for a query, each respecting visibility, blocks and discoverability. */
export async function search(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
  q: string,
): Promise<SearchResults> {
  const query = q.trim();
  const terms = searchTerms(query);
  const me = viewer?.accountId ?? null;
  const [people, postIds, hashtags] = await Promise.all([
    searchPeople(deps.db, me, terms),
    searchPosts(deps.db, me, terms),
    searchHashtags(deps.db, me, terms),
  ]);
  const posts = await loadPostCards(deps, viewer, postIds, { alreadyVisible: true });
  return { query, people, posts, hashtags };
}
