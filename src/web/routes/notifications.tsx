import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import { listNotifications, markAllNotificationsRead } from "../../services/notifications/list.ts";
import type { AppEnv } from "../env.ts";
import { viewerOrRedirect } from "../http.ts";
import { pageContext } from "../page-context.ts";
import { NotificationsPage } from "../views/pages/notifications.tsx";

export function notificationRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/notifications", async (c) => {
    const viewer = viewerOrRedirect(c);
    if (viewer instanceof Response) return viewer;
    const { items, next } = await listNotifications(deps, viewer, { before: c.req.query("before") });
    // Opening the list reads it: the ones shown as new stay marked on this page only.
    if (items.some((n) => n.unread)) await markAllNotificationsRead(deps, viewer);
    return c.html(
      <NotificationsPage ctx={pageContext(c, deps.config.instanceName)} items={items} next={next} />,
    );
  });
}
