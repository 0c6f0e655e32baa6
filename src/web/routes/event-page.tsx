import type { Invalid } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../../services/deps.ts";
import { type LoadedEvent, loadEvent } from "../../services/events/access.ts";
import { type EventView, eventFacts, readEvent, timePhase, viewerSide } from "../../services/events/read.ts";
import type { PostCard } from "../../services/posts/cards.ts";
import { listEventComments } from "../../services/posts/list.ts";
import { viewerVersion } from "../../services/versions.ts";
import type { AppContext } from "../env.ts";
import { anonymousPage, memberPage } from "../page-cache.ts";
import { type PageContext, pageContext } from "../page-context.ts";
import { EventComments } from "../views/event-comments.tsx";
import type { Values } from "../views/form.tsx";
import { EventPage } from "../views/pages/event.tsx";

/** Notices after a redirect, from a fixed list (never the URL's text). */
export const notices = {
  created: "events.notice.created",
  saved: "events.notice.saved",
  cancelled: "events.notice.cancelled",
  going: "events.notice.going",
  waitlist: "events.notice.waitlist",
  pending: "events.notice.pending",
  maybe: "events.notice.maybe",
  declined: "events.notice.declined",
  checkedIn: "events.notice.checkedIn",
  invited: "events.notice.invited",
  revoked: "events.notice.revoked",
  approved: "events.notice.approved",
  refused: "events.notice.refused",
  organiser: "events.notice.organiser",
  requested: "events.notice.requested",
  connected: "events.notice.connected",
  noted: "events.notice.noted",
  joined: "events.notice.joined",
  coverRemoved: "events.notice.coverRemoved",
} as const;

/** The notice named in the URL (`?notice=`), in the viewer's language, or null. */
export function noticeOf(c: AppContext): string | null {
  const key = notices[c.req.query("notice") as keyof typeof notices];
  return key ? c.get("t")(key) : null;
}

async function AnonymousEventPage(p: {
  ctx: PageContext;
  load: () => Promise<EventView>;
  comments: (id: string) => Promise<PostCard[]>;
}) {
  const view = await p.load();
  return (
    <EventPage
      ctx={p.ctx}
      view={view}
      notice={null}
      comments={
        <EventComments ctx={p.ctx} eventId={view.event.id} comments={await p.comments(view.event.id)} />
      }
    />
  );
}

/**
 * The event page, drawn three ways: whole and kept for visitors; from a body shared by the members who
 * may see the event, with their own parts in slots; or entirely for one person (an organiser, or a
 * form sent back with its errors).
 */
export function eventPageDrawer(deps: Deps) {
  const page = (c: AppContext) => pageContext(c, deps.config.instanceName);
  const notice = noticeOf;
  async function eventPage(c: AppContext, extra: { values?: Values; errors?: Invalid["fields"] } = {}) {
    const viewer = c.get("viewer");
    const id = c.req.param("id") ?? "";
    // Signed out, a (necessarily public) event page looks the same to everyone: read and rendered once
    // every few seconds (a private one throws NotFound while rendering, and nothing is kept).
    if (!viewer && !extra.errors)
      return anonymousPage(c, deps.config.instanceName, (ctx) => (
        <AnonymousEventPage
          ctx={ctx}
          load={() => readEvent(deps, null, id)}
          comments={(eventId) => listEventComments(deps, null, eventId)}
        />
      ));
    const loaded = await loadEvent(deps.db, viewer, id);
    if (viewer && !loaded.access?.organiser && !extra.errors) return memberEventPage(c, viewer, loaded);
    const [facts, side] = await Promise.all([
      eventFacts(deps, loaded.event),
      viewerSide(deps, viewer, loaded),
    ]);
    const view: EventView = { event: loaded.event, ...facts, ...side };
    const ctx = page(c);
    const comments = await listEventComments(deps, viewer, view.event.id);
    return c.html(
      <EventPage
        ctx={ctx}
        view={view}
        notice={extra.errors ? null : notice(c)}
        comments={<EventComments ctx={ctx} eventId={view.event.id} comments={comments} />}
        {...extra}
      />,
      extra.errors ? 422 : 200,
    );
  }

  /**
   * An event page for a member who does not organise it, kept for them while the event (its changes,
   * its answers, its comments) and their own marks and ties stand: a repeated view reads the event
   * and one version, and draws nothing.
   */
  async function memberEventPage(c: AppContext, viewer: Viewer, loaded: LoadedEvent) {
    const { event } = loaded;
    const own = await viewerVersion(deps.db, viewer.accountId);
    const phase = timePhase(event, deps.clock.now());
    const version = `${viewer.accountId}.${event.id}:${event.rsvp_seq}:${event.sequence}:${event.updated_at}:${event.version}:${phase}.${own}`;
    return memberPage(c, deps.config.instanceName, version, async (ctx) => {
      const [facts, side, comments] = await Promise.all([
        eventFacts(deps, event),
        viewerSide(deps, viewer, loaded),
        listEventComments(deps, viewer, event.id),
      ]);
      return (
        <EventPage
          ctx={ctx}
          view={{ event, ...facts, ...side }}
          notice={notice(c)}
          comments={<EventComments ctx={ctx} eventId={event.id} comments={comments} />}
        />
      );
    });
  }

  return eventPage;
}
