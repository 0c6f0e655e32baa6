import { Hono } from "hono";
import { createConnectCode } from "../../services/connect-codes/create.ts";
import { requestThroughCode } from "../../services/connect-codes/request.ts";
import { resolveConnectCode } from "../../services/connect-codes/resolve.ts";
import { findContactInvite } from "../../services/contacts/invite.ts";
import { acceptContactInvite, declineContactInvite } from "../../services/contacts/invite-answer.ts";
import type { Deps } from "../../services/deps.ts";
import { qrSvg } from "../../services/qr.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { handleForm, readForm, viewerOrRedirect } from "../http.ts";
import { pageContext } from "../page-context.ts";
import { ConnectCodeExpiredPage, ConnectCodePage, ConnectRequestPage } from "../views/pages/connect.tsx";
import { InviteAnsweredPage, InviteClosedPage, InvitePage } from "../views/pages/invite.tsx";

/** Making contact through a link: a contact's invitation (/invite/…) and "my code" (/network/code, /connect/…). */
export function connectRoutes(deps: Deps) {
  const page = (c: AppContext) => pageContext(c, deps.config.instanceName);
  const closedInvite = (c: AppContext, state: "used" | "expired") =>
    c.html(<InviteClosedPage ctx={page(c)} state={state} />, 410);
  const expiredCode = (c: AppContext) => c.html(<ConnectCodeExpiredPage ctx={page(c)} />, 410);

  return new Hono<AppEnv>()
    .get("/invite/:token", async (c) => {
      const token = c.req.param("token");
      const invite = await findContactInvite(deps, c.get("viewer"), token);
      if (invite.state !== "open") return closedInvite(c, invite.state);
      return c.html(<InvitePage ctx={page(c)} token={token} invite={invite} />);
    })
    .post("/invite/:token/accept", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const answer = await acceptContactInvite(deps, viewer, c.req.param("token"));
      if (!("owner" in answer)) return closedInvite(c, answer.state);
      return c.html(<InviteAnsweredPage ctx={page(c)} answer={answer.state} owner={answer.owner} />);
    })
    .post("/invite/:token/decline", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const answer = await declineContactInvite(deps, viewer, c.req.param("token"));
      if (!("owner" in answer)) return closedInvite(c, answer.state);
      return c.html(<InviteAnsweredPage ctx={page(c)} answer={answer.state} owner={answer.owner} />);
    })
    .get("/network/code", async (c) => {
      // Each visit makes a fresh code: tokens are stored hashed, so an earlier one cannot be shown again.
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const code = await createConnectCode(deps, viewer);
      const svg = await qrSvg(code.url, c.get("t")("connectCode.qrLabel", { name: viewer.displayName }));
      return c.html(<ConnectCodePage ctx={page(c)} url={code.url} expiresAt={code.expiresAt} qrSvg={svg} />);
    })
    .get("/connect/:token", async (c) => {
      const token = c.req.param("token");
      const code = await resolveConnectCode(deps, c.get("viewer"), token);
      if (code.state === "expired") return expiredCode(c);
      return c.html(<ConnectRequestPage ctx={page(c)} token={token} code={code} />);
    })
    .post("/connect/:token", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const token = c.req.param("token");
      const form = await readForm(c);
      return handleForm(
        () => requestThroughCode(deps, viewer, token, form),
        async (errors) => {
          const code = await resolveConnectCode(deps, viewer, token);
          if (code.state === "expired") return expiredCode(c);
          return c.html(
            <ConnectRequestPage ctx={page(c)} token={token} code={code} values={form} errors={errors} />,
            422,
          );
        },
        (result) => {
          if (result.state === "expired") return expiredCode(c);
          const notice = result.state === "connected" ? "connected" : "requested";
          return c.redirect(`/@${result.ownerHandle}?notice=${notice}`, 303);
        },
      );
    });
}
