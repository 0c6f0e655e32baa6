import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import { listNotifications } from "../../services/notifications/list.ts";
import {
  markAllNotificationsRead,
  markNotificationsRead,
  markUnlistedRead,
} from "../../services/notifications/read.ts";
import type { AppEnv } from "../env.ts";
import { viewerOrRedirect } from "../http.ts";
import { pageContext } from "../page-context.ts";
import { NotificationsPage } from "../views/pages/notifications.tsx";

const notices = { read: "notifications.notice.allRead" } as const;

export function notificationRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/notifications", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const { items, next } = await listNotifications(deps, viewer, { before: c.req.query("before") });
      // Showing a page reads what it shows (still marked "New" on it); older pages keep theirs.
      const shown = items.filter((n) => n.unread).map((n) => n.id);
      await markNotificationsRead(deps, viewer, shown);
      await markUnlistedRead(deps, viewer);
      // Built after: the badge, and whether anything is left to mark, count what is still unread.
      const ctx = pageContext(c, deps.config.instanceName);
      const unreadLeft = ((await ctx.counts)?.notifications ?? 0) > 0;
      const key = notices[c.req.query("notice") as keyof typeof notices];
      return c.html(
        <NotificationsPage
          ctx={ctx}
          items={items}
          next={next}
          unreadLeft={unreadLeft}
          notice={key ? ctx.t(key) : null}
        />,
      );
    })
    .post("/notifications/read", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await markAllNotificationsRead(deps, viewer);
      return c.redirect("/notifications?notice=read", 303);
    });
}
