import { Hono } from "hono";
import { Invalid } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../../services/deps.ts";
import { loadAsOrganiser, loadEvent } from "../../services/events/access.ts";
import { currentCheckinCode, whoIsThere } from "../../services/events/checkin.ts";
import { connectFromEvent, noteFromEvent, peopleMetAt } from "../../services/events/met.ts";
import { qrSvg } from "../../services/qr.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { readForm, viewerOrRedirect } from "../http.ts";
import { pageContext } from "../page-context.ts";
import { CheckinCodeFigure, CheckinCodePage, CheckinPage } from "../views/pages/event-manage.tsx";
import { EventMetPage } from "../views/pages/event-met.tsx";

const ID = ":id{[0-9a-f-]{36}}";

/**
 * On the day and just after: the organiser's rotating check-in code, the attendee's check-in form
 * (its answer is in eventRoutes, which falls back to the event page), and "people you met here".
 */
export function eventCheckinRoutes(deps: Deps, notice: (c: AppContext) => string | null) {
  const page = (c: AppContext) => pageContext(c, deps.config.instanceName);

  async function codeQr(c: AppContext, viewer: Viewer, id: string) {
    const code = await currentCheckinCode(deps, viewer, id);
    const svg = await qrSvg(code.url, c.get("t")("events.checkin.qrLabel"), 320);
    return { ...code, svg };
  }

  return new Hono<AppEnv>()
    .get(`/events/${ID}/checkin-code`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const id = c.req.param("id");
      const { event } = await loadAsOrganiser(deps.db, viewer, id);
      const code = await codeQr(c, viewer, id);
      const present = await whoIsThere(deps, viewer, id);
      return c.html(<CheckinCodePage ctx={page(c)} event={event} {...code} present={present} />);
    })
    .get(`/events/${ID}/checkin-code/qr`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const id = c.req.param("id");
      try {
        const code = await codeQr(c, viewer, id);
        return c.html(
          <CheckinCodeFigure ctx={page(c)} eventId={id} svg={code.svg} validUntil={code.validUntil} />,
        );
      } catch (error) {
        // Once check-in closes, the polling page gets a last fragment without a trigger: it stops asking.
        if (!(error instanceof Invalid)) throw error;
        return c.html(
          <p class="card" id="checkin-code">
            {c.get("t")("error.event.checkinClosed")}
          </p>,
        );
      }
    })
    .get(`/events/${ID}/checkin`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const { event } = await loadEvent(deps.db, viewer, c.req.param("id"));
      return c.html(<CheckinPage ctx={page(c)} event={event} code={c.req.query("code") ?? ""} />);
    })
    .get(`/events/${ID}/met`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const met = await peopleMetAt(deps, viewer, c.req.param("id"));
      return c.html(<EventMetPage ctx={page(c)} met={met} notice={notice(c)} />);
    })
    .post(`/events/${ID}/met/:actor/connect`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const id = c.req.param("id");
      const form = await readForm(c);
      const { status } = await connectFromEvent(deps, viewer, id, c.req.param("actor"), { note: form.note });
      return c.redirect(
        `/events/${id}/met?notice=${status === "connected" ? "connected" : "requested"}`,
        303,
      );
    })
    .post(`/events/${ID}/met/:actor/note`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const form = await readForm(c);
      const { contactId } = await noteFromEvent(deps, viewer, c.req.param("id"), c.req.param("actor"), {
        notes: form.notes,
      });
      return c.redirect(`/contacts/${contactId}?notice=created`, 303);
    });
}
