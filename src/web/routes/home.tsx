import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import { cursorOrNull } from "../../services/timelines/entries.ts";
import { homeEntries } from "../../services/timelines/home.ts";
import { timelineItems } from "../../services/timelines/page.ts";
import { homeVersion } from "../../services/versions.ts";
import type { AppEnv } from "../env.ts";
import { memberPage } from "../page-cache.ts";
import { pageContext } from "../page-context.ts";
import { HomePage, LandingPage } from "../views/pages/home.tsx";

/** The home page: the landing page for visitors; the composer and the home timeline for members. */
export function homeRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const viewer = c.get("viewer");
      if (!viewer) return c.html(<LandingPage ctx={pageContext(c, deps.config.instanceName)} />);
      const before = cursorOrNull(c.req.query("before"));
      // Kept for the member while their timeline, their marks and their ties stand (homeVersion).
      const version = await homeVersion(deps.db, viewer.accountId);
      return memberPage(c, deps.config.instanceName, `${viewer.accountId}.${version}`, async (ctx) => {
        const page = await homeEntries(deps, viewer.accountId, { before });
        return (
          <HomePage
            ctx={ctx}
            items={await timelineItems(deps, viewer, page.entries, { ownerId: viewer.accountId })}
            olderHref={page.next ? `/?before=${page.next}` : null}
            firstPage={before === null}
          />
        );
      });
    })
    .get("/health", (c) => c.text("ok"));
}
