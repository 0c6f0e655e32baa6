import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import { eventCalendar, privateCalendar, publicCalendar } from "../../services/events/calendar.ts";
import type { AppContext, AppEnv } from "../env.ts";

/** iCalendar downloads and subscriptions: one event, a person's public events, my private feed. */
export function calendarRoutes(deps: Deps) {
  const ics = (c: AppContext, body: string, name: string, cache: string) =>
    c.body(body, 200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}.ics"`,
      "Cache-Control": cache,
      "X-Content-Type-Options": "nosniff",
    });
  return new Hono<AppEnv>()
    .get("/events/:id{[0-9a-f-]{36}}/event.ics", async (c) => {
      const body = await eventCalendar(deps, c.get("viewer"), c.req.param("id"));
      return ics(c, body, "event", "private, no-cache");
    })
    .get("/:at{@[A-Za-z0-9_]+}/events.ics", async (c) => {
      const body = await publicCalendar(deps, c.req.param("at").slice(1));
      return ics(c, body, "events", "public, max-age=300");
    })
    .get("/calendar/:token/events.ics", async (c) => {
      const body = await privateCalendar(deps, c.req.param("token"));
      return ics(c, body, "events", "private, no-store");
    });
}
