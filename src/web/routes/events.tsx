import { Hono } from "hono";
import type { Invalid } from "../../domain/errors.ts";
import { utcToLocal } from "../../domain/events/time.ts";
import { listTimeZones } from "../../services/accounts/preferences.ts";
import type { Deps, Viewer } from "../../services/deps.ts";
import { loadAsOrganiser, loadEvent } from "../../services/events/access.ts";
import { decideRequest } from "../../services/events/approve.ts";
import { hasCalendarFeed, resetCalendarFeed } from "../../services/events/calendar.ts";
import { checkIn } from "../../services/events/checkin.ts";
import { createEvent } from "../../services/events/create.ts";
import { inviteCandidates, invitePeople, revokeInvitation } from "../../services/events/invite.ts";
import {
  createEventLink,
  findEventLink,
  joinThroughLink,
  listEventLinks,
  revokeEventLink,
} from "../../services/events/links.ts";
import { listEvents } from "../../services/events/list.ts";
import { addCoOrganiser, removeCoOrganiser } from "../../services/events/organisers.ts";
import { listAttendees } from "../../services/events/read.ts";
import { answerEvent } from "../../services/events/rsvp.ts";
import { cancelEvent, removeEventCover, updateEvent } from "../../services/events/update.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { handleForm, readForm, viewerOrRedirect } from "../http.ts";
import { privateImage, publicImage } from "../images.ts";
import { forgetPages } from "../page-cache.ts";
import { pageContext } from "../page-context.ts";
import type { Values } from "../views/form.tsx";
import { EventFormPage } from "../views/pages/event-form.tsx";
import { AttendeesPage, CheckinPage, EventInvitePage, JoinPage } from "../views/pages/event-manage.tsx";
import { EventsPage } from "../views/pages/events.tsx";
import { calendarRoutes } from "./calendar.ts";
import { eventCheckinRoutes } from "./event-checkin.tsx";
import { eventPageDrawer, noticeOf, type notices } from "./event-page.tsx";

const ID = ":id{[0-9a-f-]{36}}";

/** The edit form's values from a stored event (times on its own wall clock). */
function formValues(e: Awaited<ReturnType<typeof loadEvent>>["event"]): Values {
  return {
    title: e.title,
    description: e.description,
    start: utcToLocal(e.starts_at, e.time_zone),
    end: utcToLocal(e.ends_at, e.time_zone),
    timeZone: e.time_zone,
    place: e.place,
    city: e.city,
    latitude: e.latitude === null ? "" : String(e.latitude),
    longitude: e.longitude === null ? "" : String(e.longitude),
    onlineUrl: e.online_url,
    capacity: e.capacity === null ? "" : String(e.capacity),
    approval: e.approval ? "1" : "",
    visibility: e.visibility,
    coverAlt: e.cover_alt,
    coverCredit: e.cover_credit,
  };
}

/** A multipart form's text fields and its cover file. */
async function readEventForm(
  c: AppContext,
): Promise<{ form: Record<string, string>; cover: Uint8Array | null }> {
  const body = await c.req.parseBody();
  const form: Record<string, string> = {};
  for (const [name, value] of Object.entries(body))
    if (typeof value === "string" && name !== "_csrf") form[name] = value;
  const file = body.cover;
  const cover = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
  return { form, cover };
}

/** Meetups: the list, creating and editing, the event page, answers, invitations, check-in, follow-ups. */
export function eventRoutes(deps: Deps) {
  const page = (c: AppContext) => pageContext(c, deps.config.instanceName);
  const notice = noticeOf;
  const zones = () => listTimeZones();
  const back = (c: AppContext, id: string, what: keyof typeof notices) =>
    c.redirect(`/events/${id}?notice=${what}`, 303);

  const eventPage = eventPageDrawer(deps);

  async function eventsPage(c: AppContext, feedUrl: string | null = null) {
    const viewer = c.get("viewer");
    const filters = { city: c.req.query("city") ?? "", from: c.req.query("from") ?? "" };
    const [lists, hasFeed] = await Promise.all([
      listEvents(deps, viewer, filters),
      viewer ? hasCalendarFeed(deps, viewer) : false,
    ]);
    return c.html(
      <EventsPage
        ctx={page(c)}
        lists={lists}
        filters={filters}
        notice={notice(c)}
        feedUrl={feedUrl}
        hasFeed={hasFeed || feedUrl !== null}
      />,
    );
  }

  async function invitePage(
    c: AppContext,
    viewer: Viewer,
    extra: { freshLink?: string; errors?: Invalid["fields"] } = {},
  ) {
    const id = c.req.param("id") ?? "";
    const { event } = await loadAsOrganiser(deps.db, viewer, id);
    const [candidates, links] = await Promise.all([
      inviteCandidates(deps, viewer, id),
      listEventLinks(deps, viewer, id),
    ]);
    return c.html(
      <EventInvitePage
        ctx={page(c)}
        event={event}
        candidates={candidates}
        links={links}
        freshLink={extra.freshLink ?? null}
        notice={notice(c)}
        errors={extra.errors}
      />,
      extra.errors ? 422 : 200,
    );
  }

  return new Hono<AppEnv>()
    .route("/", calendarRoutes(deps))
    .get("/events", (c) => eventsPage(c))
    .post("/events/feed", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const { url } = await resetCalendarFeed(deps, viewer);
      return eventsPage(c, url);
    })
    .get("/events/new", (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const values = { timeZone: viewer.timeZone ?? "UTC", visibility: "public", interval: "1", count: "1" };
      return c.html(<EventFormPage ctx={page(c)} eventId={null} values={values} timeZones={zones()} />);
    })
    .post("/events/new", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const { form, cover } = await readEventForm(c);
      return handleForm(
        () => createEvent(deps, viewer, form, cover),
        (errors) =>
          c.html(
            <EventFormPage ctx={page(c)} eventId={null} values={form} errors={errors} timeZones={zones()} />,
            422,
          ),
        ({ id }) => back(c, id, "created"),
      );
    })
    .get("/events/join/:token", async (c) => {
      const token = c.req.param("token");
      const viewer = c.get("viewer");
      if (!viewer) {
        await findEventLink(deps, token);
        return c.html(<JoinPage ctx={page(c)} next={`/events/join/${token}`} />);
      }
      const { eventId } = await joinThroughLink(deps, viewer, token);
      return back(c, eventId, "joined");
    })
    .get(`/events/${ID}`, (c) => eventPage(c))
    .get(`/events/${ID}/edit`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const { event } = await loadAsOrganiser(deps.db, viewer, c.req.param("id"));
      return c.html(
        <EventFormPage
          ctx={page(c)}
          eventId={event.id}
          values={formValues(event)}
          timeZones={zones()}
          hasCover={event.cover_key !== null}
        />,
      );
    })
    .post(`/events/${ID}/edit`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const id = c.req.param("id");
      const { event } = await loadAsOrganiser(deps.db, viewer, id);
      const { form, cover } = await readEventForm(c);
      return handleForm(
        () => updateEvent(deps, viewer, id, form, cover),
        (errors) =>
          c.html(
            <EventFormPage
              ctx={page(c)}
              eventId={id}
              values={form}
              errors={errors}
              timeZones={zones()}
              hasCover={event.cover_key !== null}
            />,
            422,
          ),
        () => {
          forgetPages(`/events/${id}`);
          return back(c, id, "saved");
        },
      );
    })
    .post(`/events/${ID}/cover/remove`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await removeEventCover(deps, viewer, c.req.param("id"));
      return back(c, c.req.param("id"), "coverRemoved");
    })
    .get(`/events/${ID}/cover`, async (c) => {
      const { event } = await loadEvent(deps.db, c.get("viewer"), c.req.param("id"));
      const key = event.cover_key;
      if (!key) return c.notFound();
      // The address stays when the cover is replaced: its content-hash key is the validator, so a new
      // cover, a removed one or an event no longer public is seen at once (src/web/images.ts).
      const read = () => deps.storage.get(key);
      return event.visibility === "public"
        ? publicImage(c, `"${key.replace(/^events\/|\.webp$/g, "")}"`, read)
        : privateImage(c, read);
    })
    .post(`/events/${ID}/cancel`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await cancelEvent(deps, viewer, c.req.param("id"));
      forgetPages(`/events/${c.req.param("id")}`);
      return back(c, c.req.param("id"), "cancelled");
    })
    .post(`/events/${ID}/rsvp`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const form = await readForm(c);
      const id = c.req.param("id");
      return handleForm(
        () => answerEvent(deps, viewer, id, form),
        (errors) => eventPage(c, { values: form, errors }),
        ({ status }) => back(c, id, status === "refused" ? "refused" : status),
      );
    })
    .get(`/events/${ID}/attendees`, async (c) => {
      const list = await listAttendees(deps, c.get("viewer"), c.req.param("id"));
      return c.html(<AttendeesPage ctx={page(c)} {...list} />);
    })
    .post(`/events/${ID}/requests/:actor/:decision{approve|refuse}`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const decision = c.req.param("decision") as "approve" | "refuse";
      await decideRequest(deps, viewer, c.req.param("id"), c.req.param("actor"), decision);
      return back(c, c.req.param("id"), decision === "approve" ? "approved" : "refused");
    })
    .get(`/events/${ID}/invite`, (c) => {
      const viewer = viewerOrRedirect(c);
      return viewer instanceof Response ? viewer : invitePage(c, viewer);
    })
    .post(`/events/${ID}/invite`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const body = await c.req.parseBody({ all: true });
      const raw = body.invitees;
      const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
        (v): v is string => typeof v === "string",
      );
      const id = c.req.param("id");
      return handleForm(
        () => invitePeople(deps, viewer, id, ids),
        (errors) => invitePage(c, viewer, { errors }),
        () => c.redirect(`/events/${id}/invite?notice=invited`, 303),
      );
    })
    .post(`/events/${ID}/invitations/:actor/revoke`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const id = c.req.param("id");
      await revokeInvitation(deps, viewer, id, c.req.param("actor"));
      return c.redirect(`/events/${id}/invite?notice=revoked`, 303);
    })
    .post(`/events/${ID}/links`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const { url } = await createEventLink(deps, viewer, c.req.param("id"));
      return invitePage(c, viewer, { freshLink: url });
    })
    .post(`/events/${ID}/links/:link/revoke`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const id = c.req.param("id");
      await revokeEventLink(deps, viewer, id, c.req.param("link"));
      return c.redirect(`/events/${id}/invite?notice=revoked`, 303);
    })
    .post(`/events/${ID}/organisers`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const form = await readForm(c);
      const id = c.req.param("id");
      return handleForm(
        () => addCoOrganiser(deps, viewer, id, form.handle ?? ""),
        (errors) => eventPage(c, { values: form, errors }),
        () => back(c, id, "organiser"),
      );
    })
    .post(`/events/${ID}/organisers/:actor/remove`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await removeCoOrganiser(deps, viewer, c.req.param("id"), c.req.param("actor"));
      return back(c, c.req.param("id"), "saved");
    })
    .post(`/events/${ID}/checkin`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const id = c.req.param("id");
      const form = await readForm(c);
      return handleForm(
        () => checkIn(deps, viewer, id, { code: form.code }),
        async (errors) => {
          if (form.code === undefined) return eventPage(c, { errors });
          const { event } = await loadEvent(deps.db, viewer, id);
          return c.html(<CheckinPage ctx={page(c)} event={event} code={form.code} errors={errors} />, 422);
        },
        () => back(c, id, "checkedIn"),
      );
    })
    .route("/", eventCheckinRoutes(deps, notice));
}
