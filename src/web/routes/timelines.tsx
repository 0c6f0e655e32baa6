import { Hono } from "hono";
import { NotFound } from "../../domain/errors.ts";
import type { Deps } from "../../services/deps.ts";
import { cursorOrNull } from "../../services/timelines/entries.ts";
import { homeEntries } from "../../services/timelines/home.ts";
import { type TimelineItem, timelineItems } from "../../services/timelines/page.ts";
import {
  hashtagEntries,
  hashtagOrNull,
  hashtagPath,
  parseTagCursor,
  publicEntries,
  tagCursor,
} from "../../services/timelines/public.ts";
import type { AppEnv } from "../env.ts";
import { viewerOrRedirect } from "../http.ts";
import { pageContext } from "../page-context.ts";
import { EMPTY_SINCE, TimelinePage } from "../views/pages/timeline.tsx";

/** The newest entry of a first page (what the live link counts past), or the start of time when empty. */
function sinceOf(items: TimelineItem[]): string {
  return items[0]?.entryId ?? EMPTY_SINCE;
}

/** The same for a hashtag's page, as a hashtag cursor (the post's time and id). */
function tagSinceOf(items: TimelineItem[]): string {
  const top = items[0]?.card;
  return top ? tagCursor(top.createdAt, top.id) : tagCursor(new Date(0).toISOString(), EMPTY_SINCE);
}

/** The connections-only and public timelines, and hashtag pages. */
export function timelineRoutes(deps: Deps) {
  const page = (c: Parameters<typeof pageContext>[0]) => pageContext(c, deps.config.instanceName);
  return new Hono<AppEnv>()
    .get("/timelines/connections", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const before = cursorOrNull(c.req.query("before"));
      const result = await homeEntries(deps, viewer.accountId, { before, kind: "connections" });
      const items = await timelineItems(deps, viewer, result.entries, { ownerId: viewer.accountId });
      const ctx = page(c);
      return c.html(
        <TimelinePage
          ctx={ctx}
          kind="connections"
          title={ctx.t("timelines.connections.title")}
          items={items}
          olderHref={result.next ? `/timelines/connections?before=${result.next}` : null}
          firstHref="/timelines/connections"
          firstPage={before === null}
          live={before === null ? { kind: "connections", since: sinceOf(items) } : null}
          empty={ctx.t("timelines.empty.connections")}
        />,
      );
    })
    .get("/timelines/public", async (c) => {
      const viewer = c.get("viewer");
      const before = cursorOrNull(c.req.query("before"));
      const result = await publicEntries(deps.db, viewer?.accountId ?? null, { before });
      const items = await timelineItems(deps, viewer, result.entries);
      const ctx = page(c);
      return c.html(
        <TimelinePage
          ctx={ctx}
          kind="public"
          title={ctx.t("timelines.public.title")}
          intro={ctx.t("timelines.public.intro", { instance: deps.config.instanceName })}
          items={items}
          olderHref={result.next ? `/timelines/public?before=${result.next}` : null}
          firstHref="/timelines/public"
          firstPage={before === null}
          live={before === null ? { kind: "public", since: sinceOf(items) } : null}
          empty={ctx.t("timelines.empty.public")}
        />,
      );
    })
    .get("/tags/:tag", async (c) => {
      const written = c.req.param("tag");
      const tag = hashtagOrNull(written);
      if (!tag) throw new NotFound("timelines.tag.notATag");
      const firstHref = hashtagPath(tag);
      // One address per hashtag: /tags/Café, /tags/%23cafe… lead to /tags/cafe, with their cursor.
      if (written !== tag) return c.redirect(`${firstHref}${new URL(c.req.url).search}`, 301);
      const viewer = c.get("viewer");
      const raw = c.req.query("before");
      const before = raw && parseTagCursor(raw) ? raw : null;
      const result = await hashtagEntries(deps.db, viewer?.accountId ?? null, tag, { before });
      const items = await timelineItems(deps, viewer, result.entries);
      const ctx = page(c);
      return c.html(
        <TimelinePage
          ctx={ctx}
          kind={null}
          title={ctx.t("timelines.tag.title", { tag })}
          items={items}
          olderHref={result.next ? `${firstHref}?before=${encodeURIComponent(result.next)}` : null}
          firstHref={firstHref}
          firstPage={before === null}
          live={before === null ? { kind: "tag", tag, since: tagSinceOf(items) } : null}
          empty={ctx.t("timelines.empty.tag")}
        />,
      );
    });
}
