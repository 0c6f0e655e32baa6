import type { PostCard } from "../../../services/posts/cards.ts";
import type { PageContext } from "../../page-context.ts";
import { PostCardView } from "../post-card.tsx";

/**
 * The posts section of a profile: the person's posts the viewer may see, newest first, with a link to
 * older ones (keyset cursor) and to the feed of their public posts. Loaded as the page renders.
 */
export async function ProfilePosts({
  ctx,
  handle,
  load,
}: {
  ctx: PageContext;
  handle: string;
  load: () => Promise<{ items: PostCard[]; next: string | null }>;
}) {
  const { t } = ctx;
  const { items, next } = await load();
  return (
    <section class="profile-posts" aria-labelledby="profile-posts-title">
      <h2 id="profile-posts-title">{t("posts.profile.title")}</h2>
      <p class="muted">
        <a href={`/@${handle}/feed.atom`} type="application/atom+xml">
          {t("posts.profile.feed")}
        </a>{" "}
        · <a href={`/@${handle}/feed.rss`}>{t("posts.profile.feedRss")}</a>
      </p>
      {items.length === 0 && <p class="muted">{t("posts.profile.none")}</p>}
      {items.map((card) => (
        <PostCardView ctx={ctx} card={card} headingLevel={3} />
      ))}
      {next && (
        <p>
          <a href={`/@${handle}?before=${encodeURIComponent(next)}#profile-posts-title`}>
            {t("posts.profile.older")}
          </a>
        </p>
      )}
    </section>
  );
}
