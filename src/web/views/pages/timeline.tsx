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

/** A list of timeline entries (posts, with who boosted them), and the link to older ones. */
export function TimelineList(p: {
  ctx: PageContext;
  items: TimelineItem[];
  olderHref: string | null;
  empty: string;
}) {
  const { ctx, items } = p;
  const { t } = ctx;
  if (items.length === 0 && !p.olderHref) return <p class="muted">{p.empty}</p>;
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
      {p.olderHref && (
        <p>
          <a href={p.olderHref} rel="next">
            {t("timelines.older")}
          </a>
        </p>
      )}
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
  empty: string;
}) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={p.title}>
      <h1>{p.title}</h1>
      <TimelineTabs ctx={ctx} current={p.kind} />
      {p.intro && <p>{p.intro}</p>}
      <TimelineList ctx={ctx} items={p.items} olderHref={p.olderHref} empty={p.empty} />
    </Layout>
  );
}
