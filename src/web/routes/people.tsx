import { Hono } from "hono";
import { NotFound } from "../../domain/errors.ts";
import { removeConnection } from "../../services/connections/answer.ts";
import { sendConnectionRequest } from "../../services/connections/request.ts";
import type { Deps, Viewer } from "../../services/deps.ts";
import { follow, unfollow } from "../../services/follows/follow.ts";
import { findPerson, type Person } from "../../services/graph/find.ts";
import { block, unblock } from "../../services/moderation/block.ts";
import { mute, unmute } from "../../services/moderation/mute.ts";
import { reportAccount } from "../../services/moderation/report.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { handleForm, readForm, viewerOrRedirect } from "../http.ts";
import { pageContext } from "../page-context.ts";
import { ConnectionRequestPage } from "../views/pages/connection-request.tsx";
import { ReportPage } from "../views/pages/report.tsx";

const AT = "/:at{@[A-Za-z0-9_]+}";
type PersonAction = "follow" | "unfollow" | "block" | "unblock" | "mute" | "unmute" | "disconnect";

/** What one person does about another, from their profile: connect, follow, block, mute, report. */
export function peopleRoutes(deps: Deps) {
  const page = (c: AppContext) => pageContext(c, deps.config.instanceName);

  /** The signed-in viewer and the person named in the path; someone who blocked the viewer is "not found". */
  async function parties(c: AppContext): Promise<{ viewer: Viewer; person: Person } | Response> {
    const viewer = viewerOrRedirect(c);
    if (viewer instanceof Response) return viewer;
    const person = await findPerson(deps.db, c.req.param("at")?.slice(1) ?? "");
    const blockedMe = await deps.db
      .selectFrom("blocks")
      .select("owner_id")
      .where("owner_id", "=", person.id)
      .where("target_id", "=", viewer.accountId)
      .executeTakeFirst();
    if (blockedMe) throw new NotFound();
    return { viewer, person };
  }

  return new Hono<AppEnv>()
    .get(`${AT}/connect`, async (c) => {
      const found = await parties(c);
      if (found instanceof Response) return found;
      return c.html(<ConnectionRequestPage ctx={page(c)} person={found.person} />);
    })
    .post(`${AT}/connect`, async (c) => {
      const found = await parties(c);
      if (found instanceof Response) return found;
      const form = await readForm(c);
      return handleForm(
        () => sendConnectionRequest(deps, found.viewer, found.person.id, form),
        (errors) =>
          c.html(
            <ConnectionRequestPage ctx={page(c)} person={found.person} values={form} errors={errors} />,
            422,
          ),
        ({ status }) =>
          c.redirect(
            `/@${found.person.handle}?notice=${status === "connected" ? "connected" : "requested"}`,
            303,
          ),
      );
    })
    .post(`${AT}/:action{follow|unfollow|block|unblock|mute|unmute|disconnect}`, async (c) => {
      const found = await parties(c);
      if (found instanceof Response) return found;
      const { viewer, person } = found;
      const action = c.req.param("action") as PersonAction;
      const actions: Record<PersonAction, () => Promise<unknown>> = {
        follow: () => follow(deps, viewer, person.id),
        unfollow: () => unfollow(deps, viewer, person.id),
        block: () => block(deps, viewer, person.id),
        unblock: () => unblock(deps, viewer, person.id),
        mute: () => mute(deps, viewer, person.id),
        unmute: () => unmute(deps, viewer, person.id),
        disconnect: () => removeConnection(deps, viewer, person.id),
      };
      await actions[action]();
      return c.redirect(`/@${person.handle}?notice=${action}`, 303);
    })
    .get(`${AT}/report`, async (c) => {
      const found = await parties(c);
      if (found instanceof Response) return found;
      return c.html(<ReportPage ctx={page(c)} handle={found.person.handle} />);
    })
    .post(`${AT}/report`, async (c) => {
      const found = await parties(c);
      if (found instanceof Response) return found;
      const form = await readForm(c);
      return handleForm(
        () => reportAccount(deps, found.viewer, found.person.id, form),
        (errors) =>
          c.html(
            <ReportPage ctx={page(c)} handle={found.person.handle} values={form} errors={errors} />,
            422,
          ),
        () => c.redirect(`/@${found.person.handle}?notice=reported`, 303),
      );
    });
}
