import type { PostCard } from "../../../services/posts/cards.ts";
import type { PageContext } from "../../page-context.ts";
import { Layout } from "../layout.tsx";
import { PostCardView } from "../post-card.tsx";

export function BookmarksPage({
  ctx,
  items,
  next,
}: {
  ctx: PageContext;
  items: PostCard[];
  next: string | null;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("posts.bookmarks.title")}>
      <h1>{t("posts.bookmarks.title")}</h1>
      {items.length === 0 && <p class="muted">{t("posts.bookmarks.none")}</p>}
      {items.map((card) => (
        <PostCardView ctx={ctx} card={card} />
      ))}
      {next && <a href={`/bookmarks?before=${encodeURIComponent(next)}`}>{t("posts.bookmarks.older")}</a>}
    </Layout>
  );
}
