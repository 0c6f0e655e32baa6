import type { ExportView } from "../../../services/export/request.ts";
import type { ImportStatusView } from "../../../services/imports/view.ts";
import type { PageContext } from "../../page-context.ts";
import { type Errors, Field, Form, FormErrors, Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";

function size(ctx: PageContext, bytes: number | null): string {
  if (bytes === null) return "";
  const mb = bytes / (1024 * 1024);
  return mb >= 1
    ? ctx.t("data.sizeMb", { size: mb.toFixed(1) })
    : ctx.t("data.sizeKb", { size: Math.max(1, Math.round(bytes / 1024)) });
}

function ImportList({ ctx, imports }: { ctx: PageContext; imports: ImportStatusView[] }) {
  const { t, fmt } = ctx;
  if (imports.length === 0) return <p class="muted">{t("imports.none")}</p>;
  return (
    <ul>
      {imports.map((i) => (
        <li>
          <a href={`/settings/data/imports/${i.id}`}>{i.fileName}</a> — {t(`imports.status.${i.status}`)} ·{" "}
          <span class="muted">{fmt.dateTime(i.createdAt)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The exports list; while one is being prepared, htmx refreshes it every two seconds. */
export function ExportsSection({ ctx, exports }: { ctx: PageContext; exports: ExportView[] }) {
  const { t, fmt } = ctx;
  const pending = exports.some((e) => e.status === "pending");
  return (
    <div
      id="exports"
      hx-get={pending ? "/settings/data/exports" : undefined}
      hx-trigger={pending ? "every 2s" : undefined}
      hx-swap={pending ? "outerHTML" : undefined}
    >
      {exports.length > 0 && (
        <ul>
          {exports.map((e) => (
            <li>
              {fmt.dateTime(e.createdAt)} —{" "}
              {e.status === "ready" && e.expiresAt ? (
                <>
                  <a href={`/settings/data/exports/${e.id}/download`} download>
                    {t("export.download", { size: size(ctx, e.size) })}
                  </a>{" "}
                  <span class="muted">{t("export.until", { date: fmt.dateTime(e.expiresAt) })}</span>
                </>
              ) : (
                <span>
                  {t(`export.status.${e.status}`)}
                  {e.status === "pending" && (
                    <>
                      {" "}
                      <a href="/settings/data#export">{t("data.refresh")}</a>
                    </>
                  )}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function DataPage(p: {
  ctx: PageContext;
  imports: ImportStatusView[];
  exports: ExportView[];
  deletion: { purgeAt: string } | null;
  importErrors?: Errors | undefined;
  deleteErrors?: Errors | undefined;
  notice?: string | null;
  maxUpload: string;
}) {
  const { ctx } = p;
  const { t, fmt } = ctx;
  const fileError = p.importErrors?.file;
  return (
    <Layout ctx={ctx} title={t("data.title")}>
      <h1>{t("data.title")}</h1>
      <Notice text={p.notice ?? null} />

      <section class="card" aria-labelledby="import-title" id="import">
        <h2 id="import-title">{t("imports.title")}</h2>
        <p>{t("imports.intro")}</p>
        <FormErrors ctx={ctx} errors={p.importErrors} />
        <Form ctx={ctx} action="/settings/data/import" multipart>
          <div class={fileError ? "field field-invalid" : "field"}>
            <label for="field-file">{t("imports.file")}</label>
            <p class="hint" id="field-file-hint">
              {t("imports.fileHint", { max: p.maxUpload })}
            </p>
            <input
              type="file"
              id="field-file"
              name="file"
              required
              multiple
              accept=".zip,.csv,.vcf,.vcard,.json,.js,.txt"
              aria-describedby={fileError ? "field-file-hint field-file-error" : "field-file-hint"}
              aria-invalid={fileError ? "true" : undefined}
            />
            {fileError && (
              <p class="field-error" id="field-file-error">
                {t(fileError.key, fileError.params)}
              </p>
            )}
          </div>
          <button type="submit">{t("imports.upload")}</button>
        </Form>
        <details>
          <summary>{t("imports.formats.title")}</summary>
          <ul>
            <li>{t("imports.formats.linkedin")}</li>
            <li>{t("imports.formats.twitter")}</li>
            <li>{t("imports.formats.facebook")}</li>
            <li>{t("imports.formats.vcard")}</li>
            <li>{t("imports.formats.mastodon")}</li>
          </ul>
        </details>
        <h3>{t("imports.recent")}</h3>
        <ImportList ctx={ctx} imports={p.imports} />
      </section>

      <section class="card" aria-labelledby="export-title" id="export">
        <h2 id="export-title">{t("export.title")}</h2>
        <p>{t("export.intro")}</p>
        <Form ctx={ctx} action="/settings/data/export">
          <button type="submit">{t("export.request")}</button>
        </Form>
        <ExportsSection ctx={ctx} exports={p.exports} />
      </section>

      <section class="card" aria-labelledby="delete-title" id="delete">
        <h2 id="delete-title">{t("deletion.title")}</h2>
        {p.deletion ? (
          <p>{t("deletion.pending", { date: fmt.date(p.deletion.purgeAt) })}</p>
        ) : (
          <>
            <p>{t("deletion.intro")}</p>
            <FormErrors ctx={ctx} errors={p.deleteErrors} />
            <Form ctx={ctx} action="/settings/data/delete">
              <input type="text" name="username" autocomplete="username" value={ctx.viewer?.handle} hidden />
              <Field
                ctx={ctx}
                name="password"
                type="password"
                label={t("deletion.password")}
                errors={p.deleteErrors}
                required
                autocomplete="current-password"
              />
              <div class={p.deleteErrors?.confirm ? "field field-invalid" : "field"}>
                <input
                  type="checkbox"
                  id="field-confirm"
                  name="confirm"
                  required
                  aria-describedby={p.deleteErrors?.confirm ? "field-confirm-error" : undefined}
                />{" "}
                <label for="field-confirm" class="inline">
                  {t("deletion.confirm")}
                </label>
                {p.deleteErrors?.confirm && (
                  <p class="field-error" id="field-confirm-error">
                    {t(p.deleteErrors.confirm.key)}
                  </p>
                )}
              </div>
              <button type="submit">{t("deletion.submit")}</button>
            </Form>
          </>
        )}
      </section>
    </Layout>
  );
}

/** Shown once the deletion is scheduled (the person is signed out by then). */
export function DeletionScheduledPage({ ctx, purgeAt }: { ctx: PageContext; purgeAt: string | null }) {
  const { t, fmt } = ctx;
  return (
    <Layout ctx={ctx} title={t("deletion.scheduledTitle")}>
      <h1>{t("deletion.scheduledTitle")}</h1>
      <p>{purgeAt ? t("deletion.scheduled", { date: fmt.date(purgeAt) }) : t("deletion.scheduledNoDate")}</p>
      <p>{t("deletion.howToCancel")}</p>
      <p>
        <a href="/signin">{t("nav.signIn")}</a>
      </p>
    </Layout>
  );
}
