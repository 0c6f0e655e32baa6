import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { Deps } from "../../services/deps.ts";
import { type LiveCounts, liveHub } from "../../services/live/hub.ts";
import { cursorOrNull } from "../../services/timelines/entries.ts";
import type { TimelineWatch } from "../../services/timelines/new-posts.ts";
import { hashtagOrNull, parseTagCursor } from "../../services/timelines/public.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { unreadLabel } from "../unread-label.ts";

/** A comment line now and then keeps proxies from closing a quiet connection. */
const KEEPALIVE_MS = 25_000;

/**
 * The timeline a page shows, from `?since=<its top entry>` and `?timeline=` (`home`, the default;
 * `connections`; `public`; `tag` with `&tag=<hashtag>`, where `since` is a hashtag cursor). Anything
 * malformed is no timeline at all, never SQL.
 */
function watchOf(c: AppContext): TimelineWatch | null {
  const timeline = c.req.query("timeline") ?? "home";
  const since = c.req.query("since");
  if (timeline === "tag") {
    const tag = hashtagOrNull(c.req.query("tag"));
    return tag && since && parseTagCursor(since) ? { kind: "tag", tag, since } : null;
  }
  if (timeline !== "home" && timeline !== "connections" && timeline !== "public") return null;
  const entry = cursorOrNull(since);
  return entry ? { kind: timeline, since: entry } : null;
}

/**
 * `/live`: server-sent events for a signed-in page — `counts` with the unread notifications and
 * messages (and, with `?since=`, the new posts of the page's timeline: home, connections, public or a
 * hashtag's, counting only what that page would show the viewer), each with its label in the
 * viewer's language, sent at once and then whenever it changes. src/web/public/live.js listens.
 *
 * Members only: a visitor's public or hashtag page has no live link (it loads no script; reloading
 * shows what is new). Each open stream costs its process a few queries every POLL_MS, which an
 * instance accepts for its members, not for anyone on the Internet holding connections open.
 */
export function liveRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/live", (c) => {
    const viewer = c.get("viewer");
    const t = c.get("t");
    if (!viewer) return c.json({ error: t("timelines.api.signIn") }, 401);
    const watch = watchOf(c);
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
      const unsubscribe = liveHub(deps.db).subscribe(viewer.accountId, watch, send);
      // A closed connection ends the wait at once: no timer outlives it (nor keeps a process up).
      let wake = () => {};
      stream.onAbort(() => {
        unsubscribe();
        wake();
      });
      try {
        while (!stream.aborted && !stream.closed) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, KEEPALIVE_MS);
            timer.unref();
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          if (!stream.aborted) await stream.write(": keep-alive\n\n");
        }
      } finally {
        unsubscribe();
      }
    });
  });
}
