import { REACTIONS, type ReactionKey } from "../../../domain/posts/reactions.ts";
import type { PostCard } from "../../../services/posts/cards.ts";
import type { EngagementPage } from "../../../services/posts/engagement.ts";
import type { PageContext } from "../../page-context.ts";
import { Layout } from "../layout.tsx";
import { PersonLine } from "../person.tsx";

/**
 * Who reacted to a post (all, or one reaction at a time) or boosted it: people as lines, newest first,
 * with the reaction each chose, and the way back to the post.
 */
export function PostEngagementPage({
  ctx,
  card,
  of,
  reaction,
  page,
}: {
  ctx: PageContext;
  card: PostCard;
  of: "reactions" | "boosts";
  reaction: ReactionKey | null;
  page: EngagementPage;
}) {
  const { t } = ctx;
  const name = card.author.displayName;
  const title = t(of === "reactions" ? "posts.engagement.reactionsTitle" : "posts.engagement.boostsTitle", {
    name,
  });
  const base = `${card.url}/${of}`;
  const link = (params: { reaction?: string | null; before?: string | null }) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    return query.size > 0 ? `${base}?${query}` : base;
  };
  // The page's own counts (people in a block with the reader left out, as on the list), not the
  // card's stored totals.
  const { tallies } = page;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={card.url}>{t("posts.engagement.back", { name })}</a>
      </p>
      <h1>{title}</h1>
      {of === "reactions" && tallies.length > 0 && (
        <nav class="subnav" aria-label={t("posts.engagement.byReaction")}>
          <ul class="plain inline-list">
            <li>
              <a href={link({})} aria-current={reaction === null ? "page" : undefined}>
                {t("posts.engagement.all", { count: page.total })}
              </a>
            </li>
            {tallies.map(({ key, count }) => (
              <li>
                <a href={link({ reaction: key })} aria-current={reaction === key ? "page" : undefined}>
                  <span aria-hidden="true">{REACTIONS[key]}</span>
                  <span class="visually-hidden">{t(`posts.react.${key}`)}</span> {count}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {page.people.length === 0 ? (
        <p class="muted">{t("posts.engagement.none")}</p>
      ) : (
        <ul class="plain">
          {page.people.map((person) => (
            <li>
              <PersonLine person={person}>
                {person.reaction && (
                  <span title={t(`posts.react.${person.reaction}`)}>
                    {" "}
                    <span aria-hidden="true">{REACTIONS[person.reaction]}</span>
                    <span class="visually-hidden">{t(`posts.react.${person.reaction}`)}</span>
                  </span>
                )}
              </PersonLine>
            </li>
          ))}
        </ul>
      )}
      {page.next && <a href={link({ reaction, before: page.next })}>{t("posts.engagement.more")}</a>}
    </Layout>
  );
}
