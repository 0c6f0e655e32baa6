import { Hono } from "hono";
import { DomainError, type Invalid } from "../../domain/errors.ts";
import { formatBytes } from "../../domain/imports/text.ts";
import { requestDeletion } from "../../services/accounts/delete-request.ts";
import type { Deps } from "../../services/deps.ts";
import { listExports, readExportFile, requestExport } from "../../services/export/request.ts";
import { cancelImport, commitReviewed } from "../../services/imports/decide.ts";
import { MAX_UPLOAD_BYTES } from "../../services/imports/limits.ts";
import { startImport } from "../../services/imports/start.ts";
import { listImports, readImportStatus, readReview } from "../../services/imports/view.ts";
import { clearAppCookie, cookieNames } from "../cookies.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { handleForm, readForm, viewerOrRedirect } from "../http.ts";
import { pageContext } from "../page-context.ts";
import { DataPage, DeletionScheduledPage, ExportsSection } from "../views/pages/data.tsx";
import { ImportPage, ImportProgress } from "../views/pages/data-import.tsx";

const notices = {
  importCancelled: "imports.notice.cancelled",
  exportRequested: "export.notice.requested",
  deletionCancelled: "deletion.notice.cancelled",
  committing: "imports.notice.committing",
} as const;

/** Import, export and account deletion: every path answers only to the signed-in owner. */
export function dataRoutes(deps: Deps) {
  const page = (c: AppContext) => pageContext(c, deps.config.instanceName);
  const notice = (c: AppContext) => {
    const key = notices[c.req.query("notice") as keyof typeof notices];
    return key ? c.get("t")(key) : null;
  };

  async function dataPage(
    c: AppContext,
    extra: { importErrors?: Invalid["fields"]; deleteErrors?: Invalid["fields"] } = {},
    status: 200 | 409 | 413 | 422 = 200,
  ) {
    const viewer = c.get("viewer");
    if (!viewer) throw new Error("dataPage needs a viewer");
    const [imports, exports, deletion] = await Promise.all([
      listImports(deps, viewer),
      listExports(deps, viewer),
      deps.db
        .selectFrom("account_deletions")
        .select("purge_at")
        .where("account_id", "=", viewer.accountId)
        .executeTakeFirst(),
    ]);
    return c.html(
      <DataPage
        ctx={page(c)}
        imports={imports}
        exports={exports}
        deletion={deletion ? { purgeAt: deletion.purge_at } : null}
        importErrors={extra.importErrors}
        deleteErrors={extra.deleteErrors}
        notice={notice(c)}
        maxUpload={formatBytes(MAX_UPLOAD_BYTES)}
      />,
      status,
    );
  }

  return new Hono<AppEnv>()
    .get("/settings/data", (c) => {
      const viewer = viewerOrRedirect(c);
      return viewer instanceof Response ? viewer : dataPage(c);
    })
    .post("/settings/data/import", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const body = await c.req.parseBody({ all: true });
      const sent = Array.isArray(body.file) ? body.file : [body.file];
      const upload = await Promise.all(
        sent
          .filter((f): f is File => f instanceof File && f.size > 0)
          .map(async (f) => ({ fileName: f.name, data: new Uint8Array(await f.arrayBuffer()) })),
      );
      try {
        const { id } = await startImport(deps, viewer, upload, { locale: c.get("locale") });
        return c.redirect(`/settings/data/imports/${id}`, 303);
      } catch (error) {
        if (error instanceof DomainError && "fields" in error) {
          return dataPage(c, { importErrors: (error as Invalid).fields }, 422);
        }
        if (error instanceof DomainError && error.status === 409) {
          return dataPage(c, { importErrors: { "": { key: error.messageKey } } }, 409);
        }
        throw error;
      }
    })
    .get("/settings/data/imports/:id", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const id = c.req.param("id");
      const status = await readImportStatus(deps, viewer, id);
      const review = status.status === "review" ? await readReview(deps, viewer, id) : null;
      return c.html(<ImportPage ctx={page(c)} status={status} review={review} notice={notice(c)} />);
    })
    .get("/settings/data/imports/:id/status", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const status = await readImportStatus(deps, viewer, c.req.param("id"));
      if (status.status !== "parsing" && status.status !== "committing") {
        // The work is over: htmx reloads the whole page, which shows the review or the result.
        c.header("HX-Refresh", "true");
      }
      return c.html(<ImportProgress ctx={page(c)} status={status} />);
    })
    .post("/settings/data/imports/:id/commit", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const id = c.req.param("id");
      await commitReviewed(deps, viewer, id, await readForm(c));
      return c.redirect(`/settings/data/imports/${id}?notice=committing`, 303);
    })
    .post("/settings/data/imports/:id/cancel", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await cancelImport(deps, viewer, c.req.param("id"));
      return c.redirect("/settings/data?notice=importCancelled", 303);
    })
    .post("/settings/data/export", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await requestExport(deps, viewer);
      return c.redirect("/settings/data?notice=exportRequested#export", 303);
    })
    .get("/settings/data/exports", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      return c.html(<ExportsSection ctx={page(c)} exports={await listExports(deps, viewer)} />);
    })
    .get("/settings/data/exports/:id/download", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const { bytes, fileName } = await readExportFile(deps, viewer, c.req.param("id"));
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
        "cache-control": "private, no-store",
      });
    })
    .post("/settings/data/delete", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const form = await readForm(c);
      return handleForm(
        () => requestDeletion(deps, viewer, { password: form.password, confirm: form.confirm }),
        (deleteErrors) => dataPage(c, { deleteErrors }, 422),
        ({ purgeAt }) => {
          clearAppCookie(c, deps.config, cookieNames(deps.config).session);
          return c.redirect(`/account-deletion?on=${encodeURIComponent(purgeAt)}`, 303);
        },
      );
    })
    .get("/account-deletion", (c) => {
      const on = c.req.query("on") ?? "";
      const purgeAt = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(on) ? on : null;
      return c.html(<DeletionScheduledPage ctx={page(c)} purgeAt={purgeAt} />);
    });
}
