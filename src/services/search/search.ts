import type { Deps, Viewer } from "../deps.ts";
import { loadPostCards, type PostCard } from "../posts/cards.ts";
import { searchHashtags } from "./hashtags.ts";
import { type PersonHit, peopleFromOrZero, searchPeoplePage } from "./people.ts";
import { searchPostsPage } from "./posts.ts";
import { searchTerms } from "./query.ts";

/** One kind of result, paged on its own ("More results"): people or posts. */
export type SearchSection = "people" | "posts";

export interface SearchResults {
  query: string;
  /** The one section asked for (a later page of it), or null for the first page of all three. */
  section: SearchSection | null;
  people: PersonHit[];
  posts: PostCard[];
  hashtags: string[];
  /** Where the next page of people starts (`after` with section "people"), or null. */
  morePeople: string | null;
  /** The cursor of the next page of posts (`after` with section "posts"), or null. */
  morePosts: string | null;
}

/**
 * People, posts and hashtags for a query, each respecting visibility, blocks and discoverability; or,
 * with a section, the next page of that section alone, from `after` (a previous page's cursor).
 */
export async function search(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
  q: string,
  page: { section?: SearchSection | null; after?: string | null } = {},
): Promise<SearchResults> {
  const query = q.trim();
  const terms = searchTerms(query);
  const me = viewer?.accountId ?? null;
  const section = page.section ?? null;
  const after = section ? (page.after ?? null) : null;
  const [people, postHits, hashtags] = await Promise.all([
    section === "posts" ? null : searchPeoplePage(deps.db, me, terms, peopleFromOrZero(after)),
    section === "people" ? null : searchPostsPage(deps.db, me, terms, after),
    section === null ? searchHashtags(deps.db, me, terms) : [],
  ]);
  const posts = postHits ? await loadPostCards(deps, viewer, postHits.ids, { alreadyVisible: true }) : [];
  return {
    query,
    section,
    people: people?.people ?? [],
    posts,
    hashtags,
    morePeople: people && people.next !== null ? String(people.next) : null,
    morePosts: postHits?.next ?? null,
  };
}
