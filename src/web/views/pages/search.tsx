import { excerpt } from "../../../domain/text/excerpt.ts";
import { MAX_QUERY_LENGTH } from "../../../services/search/query.ts";
import type { SearchResults, SearchSection } from "../../../services/search/search.ts";
import { hashtagPath } from "../../../services/timelines/public.ts";
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

/**
 * The end of a section: "More results" when there are more and, on a later page, the way back to the
 * first results, as a timeline's later pages end with "Newest posts".
 */
function SectionPager(p: {
  ctx: PageContext;
  query: string;
  section: SearchSection;
  after: string | null;
  later: boolean;
}) {
  const { t } = p.ctx;
  const more = p.after !== null && (
    <MoreLink ctx={p.ctx} query={p.query} section={p.section} after={p.after} />
  );
  if (!p.later) return more ? <p>{more}</p> : null;
  return (
    <nav aria-label={t(`search.pages.${p.section}`)} class="pager">
      <ul class="plain inline-list">
        <li>
          <a href={searchHref(p.query)}>{t("search.first")}</a>
        </li>
        {more && <li>{more}</li>}
      </ul>
    </nav>
  );
}

/** "More results", named with the section's heading for screen readers. */
function MoreLink(p: { ctx: PageContext; query: string; section: SearchSection; after: string }) {
  return (
    <a
      href={searchHref(p.query, { section: p.section, after: p.after })}
      rel="next"
      aria-describedby={`search-${p.section}`}
    >
      {p.ctx.t("search.more")}
    </a>
  );
}

/** At most this many characters of the query in the page's title (the search field keeps it whole). */
export const TITLE_QUERY_LENGTH = 60;

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
    <Layout
      ctx={ctx}
      title={
        results
          ? t("search.resultsFor", { q: excerpt(results.query, TITLE_QUERY_LENGTH) })
          : t("search.title")
      }
    >
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
          <h2 id="search-people">{t(results.section ? "search.people.later" : "search.people")}</h2>
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
          <SectionPager
            ctx={ctx}
            query={results.query}
            section="people"
            after={results.morePeople}
            later={results.section !== null}
          />
        </section>
      )}
      {results && results.section !== "people" && (
        <section aria-labelledby="search-posts">
          <h2 id="search-posts">{t(results.section ? "search.posts.later" : "search.posts")}</h2>
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
          <SectionPager
            ctx={ctx}
            query={results.query}
            section="posts"
            after={results.morePosts}
            later={results.section !== null}
          />
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
                  <a href={hashtagPath(tag)} rel="tag">
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
