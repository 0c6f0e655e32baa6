import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import { MAX_QUERY_LENGTH, searchTerms } from "../../services/search/query.ts";
import { type SearchSection, search } from "../../services/search/search.ts";
import type { AppEnv } from "../env.ts";
import { pageContext } from "../page-context.ts";
import { SearchPage } from "../views/pages/search.tsx";

const SECTIONS: ReadonlySet<string> = new Set<SearchSection>(["people", "posts"]);

/**
 * `/search?q=`: people, posts and hashtags, for members and visitors alike (each sees what they may);
 * `&section=people|posts&after=…`: the next page of one of them ("More results"). A query sent with
 * nothing to search for (empty, spaces, only punctuation such as "#" or quotes) is answered with a
 * message saying so, not with three empty sections.
 */
export function searchRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/search", async (c) => {
    const sent = c.req.query("q");
    const q = (sent ?? "").slice(0, MAX_QUERY_LENGTH);
    const asked = c.req.query("section") ?? "";
    const section = SECTIONS.has(asked) ? (asked as SearchSection) : null;
    const hasWords = searchTerms(q).length > 0;
    const results = hasWords
      ? await search(deps, c.get("viewer"), q, { section, after: c.req.query("after") ?? null })
      : null;
    return c.html(
      <SearchPage
        ctx={pageContext(c, deps.config.instanceName)}
        q={q}
        results={results}
        nothingToSearch={sent !== undefined && !hasWords}
      />,
    );
  });
}
