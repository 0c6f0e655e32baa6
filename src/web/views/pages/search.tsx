import { MAX_QUERY_LENGTH } from "../../../services/search/query.ts";
import type { SearchResults, SearchSection } from "../../../services/search/search.ts";
import type { PageContext } from "../../page-context.ts";
import { Layout } from "../layout.tsx";
import { PersonLine } from "../person.tsx";
import { PostCardView } from "../post-card.tsx";

/** A search's address: the first page of every section, or the next page of one of them. */
function searchHref(query: string, more?: { section: SearchSection; after: string }): string {
  const params = new URLSearchParams({ q: query });
  if (more) {
    params.set("section", more.section);
    params.set("after", more.after);
  }
  return `/search?${params.toString()}`;
}

/** "More results" at the end of a section, named with the section's heading for screen readers. */
function MoreLink(p: { ctx: PageContext; query: string; section: SearchSection; after: string | null }) {
  if (p.after === null) return null;
  return (
    <p>
      <a
        href={searchHref(p.query, { section: p.section, after: p.after })}
        rel="next"
        aria-describedby={`search-${p.section}`}
      >
        {p.ctx.t("search.more")}
      </a>
    </p>
  );
}

/**
 * The search form, and the results in three sections: people, posts, hashtags; people and posts each
 * end with "More results" when there are more, which leads to the next page of that section alone.
 * A query with nothing to search for (`nothingToSearch`: empty, or only punctuation) gets a message
 * instead, tied to the field.
 */
export function SearchPage({
  ctx,
  q,
  results,
  nothingToSearch = false,
}: {
  ctx: PageContext;
  q: string;
  results: SearchResults | null;
  nothingToSearch?: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={results ? t("search.resultsFor", { q: results.query }) : t("search.title")}>
      <h1>{t("search.title")}</h1>
      <search>
        <form method="get" action="/search" class="actions">
          <label for="search-q">{t("search.label")}</label>
          <input
            id="search-q"
            type="search"
            name="q"
            value={q}
            maxlength={MAX_QUERY_LENGTH}
            aria-describedby={nothingToSearch ? "search-hint search-nothing" : "search-hint"}
          />
          <button type="submit">{t("search.submit")}</button>
        </form>
        <p class="hint" id="search-hint">
          {t("search.hint")}
        </p>
      </search>
      {nothingToSearch && (
        <p class="alert" id="search-nothing">
          {t("search.nothingToSearch")}
        </p>
      )}
      {results?.section && (
        <p>
          <a href={searchHref(results.query)}>{t("search.all", { q: results.query })}</a>
        </p>
      )}
      {results && results.section !== "posts" && (
        <section aria-labelledby="search-people">
          <h2 id="search-people">{t("search.people")}</h2>
          {results.people.length === 0 ? (
            <p class="muted">{t("search.noPeople")}</p>
          ) : (
            <ul class="plain people-list">
              {results.people.map((person) => (
                <li>
                  <PersonLine person={person}>
                    {person.headline && <p class="muted">{person.headline}</p>}
                  </PersonLine>
                </li>
              ))}
            </ul>
          )}
          <MoreLink ctx={ctx} query={results.query} section="people" after={results.morePeople} />
        </section>
      )}
      {results && results.section !== "people" && (
        <section aria-labelledby="search-posts">
          <h2 id="search-posts">{t("search.posts")}</h2>
          {results.posts.length === 0 ? (
            <p class="muted">{t("search.noPosts")}</p>
          ) : (
            <ol class="plain timeline">
              {results.posts.map((card) => (
                <li>
                  <PostCardView ctx={ctx} card={card} headingLevel={3} />
                </li>
              ))}
            </ol>
          )}
          <MoreLink ctx={ctx} query={results.query} section="posts" after={results.morePosts} />
        </section>
      )}
      {results && results.section === null && (
        <section aria-labelledby="search-hashtags">
          <h2 id="search-hashtags">{t("search.hashtags")}</h2>
          {results.hashtags.length === 0 ? (
            <p class="muted">{t("search.noHashtags")}</p>
          ) : (
            <ul class="plain inline-list">
              {results.hashtags.map((tag) => (
                <li>
                  <a href={`/tags/${encodeURIComponent(tag)}`} rel="tag">
                    #{tag}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </Layout>
  );
}
