import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { Deps } from "../../services/deps.ts";
import { type LiveCounts, liveHub } from "../../services/live/hub.ts";
import { cursorOrNull } from "../../services/timelines/entries.ts";
import type { AppEnv } from "../env.ts";
import { unreadLabel } from "../unread-label.ts";

/** A comment line now and then keeps proxies from closing a quiet connection. */
const KEEPALIVE_MS = 25_000;

/**
 * `/live`: server-sent events for a signed-in page — `counts` with the unread notifications and
 * messages (and, with `?since=<entry id>`, the home timeline's new posts), each with its label in the
 * viewer's language, sent at once and then whenever it changes. src/web/public/live.js listens.
 */
export function liveRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/live", (c) => {
    const viewer = c.get("viewer");
    const t = c.get("t");
    if (!viewer) return c.json({ error: t("timelines.api.signIn") }, 401);
    const since = cursorOrNull(c.req.query("since"));
    c.header("Cache-Control", "no-store");
    c.header("X-Accel-Buffering", "no");
    return streamSSE(c, async (stream) => {
      const send = (counts: LiveCounts) => {
        const label = (count: number) => unreadLabel(t, count);
        const data = {
          notifications: { count: counts.notifications, label: label(counts.notifications) },
          messages: { count: counts.messages, label: label(counts.messages) },
          newPosts:
            counts.newPosts === null
              ? null
              : {
                  count: counts.newPosts,
                  label:
                    counts.newPosts === 1
                      ? t("timelines.newPosts.one")
                      : t("timelines.newPosts.other", {
                          count: counts.newPosts >= 100 ? "99+" : counts.newPosts,
                        }),
                },
        };
        void stream.writeSSE({ event: "counts", data: JSON.stringify(data) }).catch(() => undefined);
      };
      const unsubscribe = liveHub(deps.db).subscribe(viewer.accountId, since, send);
      stream.onAbort(unsubscribe);
      try {
        while (!stream.aborted && !stream.closed) {
          await stream.sleep(KEEPALIVE_MS);
          if (!stream.aborted) await stream.write(": keep-alive\n\n");
        }
      } finally {
        unsubscribe();
      }
    });
  });
}
