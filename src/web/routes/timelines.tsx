import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import { cursorOrNull } from "../../services/timelines/entries.ts";
import { homeEntries } from "../../services/timelines/home.ts";
import { timelineItems } from "../../services/timelines/page.ts";
import { hashtagEntries, publicEntries } from "../../services/timelines/public.ts";
import type { AppEnv } from "../env.ts";
import { viewerOrRedirect } from "../http.ts";
import { pageContext } from "../page-context.ts";
import { TimelinePage } from "../views/pages/timeline.tsx";

/** A hashtag as written in a link: letters, digits and underscores, compared lower-cased. */
function tagOf(raw: string): string | null {
  const tag = raw.toLowerCase();
  return /^[\p{L}\p{N}_]{1,100}$/u.test(tag) ? tag : null;
}

/** The connections-only and public timelines, and hashtag pages. */
export function timelineRoutes(deps: Deps) {
  const page = (c: Parameters<typeof pageContext>[0]) => pageContext(c, deps.config.instanceName);
  return new Hono<AppEnv>()
    .get("/timelines/connections", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const result = await homeEntries(deps, viewer.accountId, {
        before: cursorOrNull(c.req.query("before")),
        kind: "connections",
      });
      const items = await timelineItems(deps, viewer, result.entries, { ownerId: viewer.accountId });
      const ctx = page(c);
      return c.html(
        <TimelinePage
          ctx={ctx}
          kind="connections"
          title={ctx.t("timelines.connections.title")}
          items={items}
          olderHref={result.next ? `/timelines/connections?before=${result.next}` : null}
          empty={ctx.t("timelines.empty.connections")}
        />,
      );
    })
    .get("/timelines/public", async (c) => {
      const viewer = c.get("viewer");
      const result = await publicEntries(deps.db, viewer?.accountId ?? null, {
        before: cursorOrNull(c.req.query("before")),
      });
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
          empty={ctx.t("timelines.empty.public")}
        />,
      );
    })
    .get("/tags/:tag", async (c) => {
      const tag = tagOf(c.req.param("tag"));
      if (!tag) return c.notFound();
      const viewer = c.get("viewer");
      const result = await hashtagEntries(deps.db, viewer?.accountId ?? null, tag, {
        before: c.req.query("before") ?? null,
      });
      const items = await timelineItems(deps, viewer, result.entries);
      const ctx = page(c);
      return c.html(
        <TimelinePage
          ctx={ctx}
          kind={null}
          title={ctx.t("timelines.tag.title", { tag })}
          items={items}
          olderHref={
            result.next ? `/tags/${encodeURIComponent(tag)}?before=${encodeURIComponent(result.next)}` : null
          }
          empty={ctx.t("timelines.empty.tag")}
        />,
      );
    });
}
