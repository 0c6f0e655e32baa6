import type { NotificationEntry } from "../../../services/notifications/list.ts";
import type { PageContext } from "../../page-context.ts";
import { Form, Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";

/** Where each kind of notification leads. */
function target(n: NotificationEntry): string {
  // Events (src/services/events/notify.ts): every event_* notice is about the event in subject_id.
  if (String(n.kind).startsWith("event_") && n.subjectId) return `/events/${n.subjectId}`;
  switch (n.kind) {
    case "connection_request":
    case "follow_request":
      return "/network";
    case "message_request":
      return "/messages/requests";
    case "mention":
    case "reply":
    case "reaction":
    case "boost":
    case "poll_ended":
      return n.subjectId ? `/posts/${n.subjectId}` : "/";
    default:
      return n.actor ? `/@${n.actor.handle}` : "/";
  }
}

/**
 * What each notification says. A poll's end comes from its author to each voter; the author's own
 * notice has no one behind it (src/services/posts/jobs.ts) and says it is their poll.
 */
function label(n: NotificationEntry): string {
  if (n.kind === "poll_ended" && n.actor === null) return "notifications.kind.poll_ended.own";
  return `notifications.kind.${n.kind}`;
}

export function NotificationsPage({
  ctx,
  items,
  next,
  unreadLeft,
  notice,
}: {
  ctx: PageContext;
  items: NotificationEntry[];
  next: string | null;
  /** Whether anything is still unread once this page is read (the "Mark all as read" button). */
  unreadLeft: boolean;
  notice: string | null;
}) {
  const { t, fmt } = ctx;
  return (
    <Layout ctx={ctx} title={t("notifications.title")}>
      <h1>{t("notifications.title")}</h1>
      <Notice text={notice} />
      <p>
        <a href="/settings/notifications">{t("notifications.preferences.link")}</a>
      </p>
      {unreadLeft && (
        <Form ctx={ctx} action="/notifications/read">
          <p>
            <button type="submit" class="secondary">
              {t("notifications.markAllRead")}
            </button>
          </p>
        </Form>
      )}
      {items.length === 0 ? (
        <p class="muted">{t("notifications.none")}</p>
      ) : (
        <ul class="plain notifications">
          {items.map((n) => (
            <li class={n.unread ? "card unread" : "card"}>
              {n.unread && <strong class="badge-new">{t("notifications.new")}</strong>}{" "}
              <a href={target(n)}>{t(label(n), { name: n.actor?.displayName ?? "?" })}</a>
              {/* What it is about, so that alike lines tell apart (plain text, escaped like any). */}
              {n.excerpt && (
                <>
                  {" "}
                  <q class="excerpt">{n.excerpt}</q>
                </>
              )}
              <br />
              <time class="muted" datetime={n.createdAt}>
                {fmt.dateTime(n.createdAt)}
              </time>
            </li>
          ))}
        </ul>
      )}
      {next && <a href={`/notifications?before=${encodeURIComponent(next)}`}>{t("notifications.older")}</a>}
    </Layout>
  );
}
