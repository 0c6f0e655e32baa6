import type { SearchResults } from "../../../services/search/search.ts";
import type { PageContext } from "../../page-context.ts";
import { Layout } from "../layout.tsx";
import { PersonLine } from "../person.tsx";
import { PostCardView } from "../post-card.tsx";

/** The search form, and the results in three sections: people, posts, hashtags. */
export function SearchPage({
  ctx,
  q,
  results,
}: {
  ctx: PageContext;
  q: string;
  results: SearchResults | null;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={results ? t("search.resultsFor", { q: results.query }) : t("search.title")}>
      <h1>{t("search.title")}</h1>
      <search>
        <form method="get" action="/search" class="actions">
          <label for="search-q">{t("search.label")}</label>
          <input id="search-q" type="search" name="q" value={q} aria-describedby="search-hint" />
          <button type="submit">{t("search.submit")}</button>
        </form>
        <p class="hint" id="search-hint">
          {t("search.hint")}
        </p>
      </search>
      {results && (
        <>
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
          </section>
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
          </section>
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
        </>
      )}
    </Layout>
  );
}
