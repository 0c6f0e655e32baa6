import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import { jobsOverview, retryJob } from "../../services/jobs/overview.ts";
import type { AppEnv } from "../env.ts";
import { pageContext } from "../page-context.ts";
import { AdminJobsPage } from "../views/pages/admin-jobs.tsx";

export function adminJobRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/admin/jobs", async (c) =>
      c.html(
        <AdminJobsPage
          ctx={pageContext(c, deps.config.instanceName)}
          overview={await jobsOverview(deps, c.get("viewer"))}
        />,
      ),
    )
    .post("/admin/jobs/:id/retry", async (c) => {
      await retryJob(deps, c.get("viewer"), c.req.param("id"));
      return c.redirect("/admin/jobs", 303);
    });
}
