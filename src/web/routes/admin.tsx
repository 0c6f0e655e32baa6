import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import { listMailFiles } from "../../services/digest/send.ts";
import { createRegistrationInvite, listRegistrationInvites } from "../../services/instance/invites.ts";
import { assertAdmin, getRegistrationMode, setRegistrationMode } from "../../services/instance/settings.ts";
import { listOpenReports, resolveReport } from "../../services/moderation/report.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { readForm } from "../http.ts";
import { pageContext } from "../page-context.ts";
import { AdminPage } from "../views/pages/admin.tsx";

export function adminRoutes(deps: Deps) {
  async function adminPage(c: AppContext, newInviteUrl?: string) {
    const viewer = c.get("viewer");
    assertAdmin(viewer);
    const notice = c.req.query("notice") === "registration" ? c.get("t")("admin.registration.saved") : null;
    return c.html(
      <AdminPage
        ctx={pageContext(c, deps.config.instanceName)}
        mode={await getRegistrationMode(deps.db)}
        invites={await listRegistrationInvites(deps, viewer)}
        reports={await listOpenReports(deps, viewer)}
        newInviteUrl={newInviteUrl}
        notice={notice}
        now={deps.clock.now().toISOString()}
        mail={listMailFiles(deps, viewer)}
      />,
    );
  }

  return new Hono<AppEnv>()
    .get("/admin", (c) => adminPage(c))
    .post("/admin/registration", async (c) => {
      const form = await readForm(c);
      await setRegistrationMode(deps, c.get("viewer"), { mode: form.mode });
      return c.redirect("/admin?notice=registration", 303);
    })
    .post("/admin/reports/:id/resolve", async (c) => {
      await resolveReport(deps, c.get("viewer"), c.req.param("id"));
      return c.redirect("/admin", 303);
    })
    .post("/admin/invites", async (c) => {
      // The link is shown once, in the response to the POST, and never stored in clear.
      const { url } = await createRegistrationInvite(deps, c.get("viewer"));
      return adminPage(c, url);
    });
}
