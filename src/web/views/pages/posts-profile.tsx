import type { PostCard } from "../../../services/posts/cards.ts";
import type { PageContext } from "../../page-context.ts";
import { Layout } from "../layout.tsx";
import { PostCardView } from "../post-card.tsx";

type LoadPosts = () => Promise<{ items: PostCard[]; next: string | null }>;

function Feeds({ ctx, handle }: { ctx: PageContext; handle: string }) {
  const { t } = ctx;
  return (
    <p class="muted">
      <a href={`/@${handle}/feed.atom`} type="application/atom+xml">
        {t("posts.profile.feed")}
      </a>{" "}
      · <a href={`/@${handle}/feed.rss`}>{t("posts.profile.feedRss")}</a>
    </p>
  );
}

/**
 * The posts section of a profile: the person's latest posts the viewer may see (a profile is about the
 * person; their posts have a page of their own, linked below them).
 */
export async function ProfilePosts({
  ctx,
  handle,
  load,
}: {
  ctx: PageContext;
  handle: string;
  load: LoadPosts;
}) {
  const { t } = ctx;
  const { items, next } = await load();
  return (
    <section class="profile-posts" aria-labelledby="profile-posts-title">
      <h2 id="profile-posts-title">{t("posts.profile.recent")}</h2>
      <Feeds ctx={ctx} handle={handle} />
      {items.length === 0 && <p class="muted">{t("posts.profile.none")}</p>}
      {items.map((card) => (
        <PostCardView ctx={ctx} card={card} headingLevel={3} />
      ))}
      {next && (
        <p>
          <a href={`/@${handle}/posts`}>{t("posts.profile.all")}</a>
        </p>
      )}
    </section>
  );
}

/** A person's posts the viewer may see, newest first, 20 a page (keyset cursor). */
export async function PersonPostsPage(p: {
  ctx: PageContext;
  handle: string;
  displayName: string;
  load: LoadPosts;
}) {
  const { ctx, handle } = p;
  const { t } = ctx;
  const { items, next } = await p.load();
  const title = t("posts.profile.allTitle", { name: p.displayName });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={`/@${handle}`}>{t("posts.profile.back", { name: p.displayName })}</a>
      </p>
      <Feeds ctx={ctx} handle={handle} />
      {items.length === 0 && <p class="muted">{t("posts.profile.none")}</p>}
      {items.map((card) => (
        <PostCardView ctx={ctx} card={card} headingLevel={2} />
      ))}
      {next && (
        <p>
          <a href={`/@${handle}/posts?before=${encodeURIComponent(next)}`}>{t("posts.profile.older")}</a>
        </p>
      )}
    </Layout>
  );
}
