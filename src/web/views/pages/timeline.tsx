import type { TimelineItem } from "../../../services/timelines/page.ts";
import type { PageContext } from "../../page-context.ts";
import { Layout } from "../layout.tsx";
import { PostCardView } from "../post-card.tsx";

export type TimelineKind = "home" | "connections" | "public";

const TAB_PATHS: Record<TimelineKind, string> = {
  home: "/",
  connections: "/timelines/connections",
  public: "/timelines/public",
};

/** The links between the timelines (the public one only, for a visitor). */
export function TimelineTabs({ ctx, current }: { ctx: PageContext; current: TimelineKind | null }) {
  const { t } = ctx;
  const kinds: TimelineKind[] = ctx.viewer ? ["home", "connections", "public"] : ["public"];
  return (
    <nav aria-label={t("timelines.tabs.label")} class="subnav">
      <ul class="plain inline-list">
        {kinds.map((kind) => (
          <li>
            <a href={TAB_PATHS[kind]} aria-current={kind === current ? "page" : undefined}>
              {t(`timelines.tabs.${kind}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * What the live script (live.js) watches on a first page: its timeline and its newest entry (for a
 * hashtag, the hashtag cursor of its newest post). The server counts what arrived since, as this page
 * would show it to the viewer.
 */
export type LiveTimeline =
  | { kind: TimelineKind; since: string }
  | { kind: "tag"; tag: string; since: string };

/** The `since` of an empty first page: every entry is newer. */
export const EMPTY_SINCE = "00000000-0000-0000-0000-000000000000";

/**
 * "N new posts — show": hidden until live.js hears of new posts (on a first page, for members only:
 * visitors load no live script), announced politely, and a link to the timeline's first page. A
 * direct child of `main`, so that it can stay in view (style.css: sticky at the top, or the bottom,
 * of the window) even when the composer pushes the timeline below the fold.
 */
export function NewPostsLink({
  ctx,
  href,
  live,
}: {
  ctx: PageContext;
  href: string;
  live: LiveTimeline | null;
}) {
  if (!ctx.viewer || !live) return null;
  return (
    <div
      aria-live="polite"
      class="new-posts"
      data-live-since={live.since}
      data-live-timeline={live.kind === "home" ? undefined : live.kind}
      data-live-tag={live.kind === "tag" ? live.tag : undefined}
    >
      <a href={href} id="new-posts" hidden>
        {ctx.t("timelines.newPosts.other", { count: 0 })}
      </a>
    </div>
  );
}

/**
 * A list of timeline entries (posts, with who boosted them), the link to older ones and, past the
 * first page, the link back to the newest.
 */
export function TimelineList(p: {
  ctx: PageContext;
  items: TimelineItem[];
  olderHref: string | null;
  /** The first page, shown from the second page on (null on the first page). */
  newestHref?: string | null;
  empty: string;
}) {
  const { ctx, items } = p;
  const { t } = ctx;
  const newestHref = p.newestHref ?? null;
  const pager = (p.olderHref || newestHref) && (
    <nav aria-label={t("timelines.pages.label")} class="pager">
      <ul class="plain inline-list">
        {newestHref && (
          <li>
            <a href={newestHref}>{t("timelines.newest")}</a>
          </li>
        )}
        {p.olderHref && (
          <li>
            <a href={p.olderHref} rel="next">
              {t("timelines.older")}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
  if (items.length === 0 && !p.olderHref)
    return (
      <>
        <p class="muted">{p.empty}</p>
        {pager}
      </>
    );
  return (
    <>
      <ol class="plain timeline">
        {items.map((item) => (
          <li data-entry={item.entryId}>
            {item.boostedBy && (
              <p class="muted boosted-by">
                <a href={`/@${item.boostedBy.handle}`}>
                  {t("timelines.boostedBy", { name: item.boostedBy.displayName })}
                </a>
              </p>
            )}
            <PostCardView ctx={ctx} card={item.card} headingLevel={3} />
          </li>
        ))}
      </ol>
      {pager}
    </>
  );
}

/** The connections-only and public timelines, and a hashtag's page. */
export function TimelinePage(p: {
  ctx: PageContext;
  kind: TimelineKind | null;
  title: string;
  intro?: string;
  items: TimelineItem[];
  olderHref: string | null;
  /** This timeline's first page: the "new posts" link's target, and "Newest posts" past page one. */
  firstHref: string;
  firstPage: boolean;
  /** What the live link watches (on the first page only). */
  live: LiveTimeline | null;
  empty: string;
}) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={p.title}>
      <h1>{p.title}</h1>
      <TimelineTabs ctx={ctx} current={p.kind} />
      {p.intro && <p>{p.intro}</p>}
      <NewPostsLink ctx={ctx} href={p.firstHref} live={p.live} />
      <TimelineList
        ctx={ctx}
        items={p.items}
        olderHref={p.olderHref}
        newestHref={p.firstPage ? null : p.firstHref}
        empty={p.empty}
      />
    </Layout>
  );
}
