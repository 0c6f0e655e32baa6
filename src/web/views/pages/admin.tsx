import type { MailFile } from "../../../services/digest/send.ts";
import type { InviteSummary } from "../../../services/instance/invites.ts";
import { REGISTRATION_MODES, type RegistrationMode } from "../../../services/instance/settings.ts";
import type { OpenReport } from "../../../services/moderation/report.ts";
import type { PageContext } from "../../page-context.ts";
import { Form, Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { MailOutbox } from "./nurture-mail.tsx";

export function AdminPage(p: {
  ctx: PageContext;
  mode: RegistrationMode;
  invites: InviteSummary[];
  reports: OpenReport[];
  newInviteUrl?: string | undefined;
  notice?: string | null;
  now: string;
  mail?: MailFile[];
}) {
  const { ctx } = p;
  const { t, fmt } = ctx;
  return (
    <Layout ctx={ctx} title={t("admin.title")}>
      <h1>{t("admin.title")}</h1>
      <p>
        <a href="/admin/jobs">{t("jobs.link")}</a>
      </p>
      <Notice text={p.notice ?? null} />
      <section class="card" aria-labelledby="reports-title">
        <h2 id="reports-title">{t("admin.reports")}</h2>
        {p.reports.length === 0 ? (
          <p class="muted">{t("admin.reports.none")}</p>
        ) : (
          <ul class="plain">
            {p.reports.map((r) => (
              <li>
                <p>
                  <strong>
                    {t("admin.reports.by", { reporter: r.reporterHandle, target: r.targetHandle })}
                  </strong>{" "}
                  — <time datetime={r.createdAt}>{fmt.dateTime(r.createdAt)}</time>
                </p>
                <blockquote class="note">{r.reason}</blockquote>
                <Form ctx={ctx} action={`/admin/reports/${r.id}/resolve`}>
                  <button type="submit" class="secondary">
                    {t("admin.reports.resolve")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="registration-title">
        <h2 id="registration-title">{t("admin.registration")}</h2>
        <Form ctx={ctx} action="/admin/registration">
          <fieldset>
            <legend>{t("admin.registration.mode")}</legend>
            {REGISTRATION_MODES.map((mode) => (
              <div>
                <input type="radio" id={`mode-${mode}`} name="mode" value={mode} checked={mode === p.mode} />{" "}
                <label for={`mode-${mode}`}>{t(`admin.registration.${mode}`)}</label>
              </div>
            ))}
          </fieldset>
          <p>
            <button type="submit">{t("admin.registration.save")}</button>
          </p>
        </Form>
      </section>
      <section class="card" aria-labelledby="invites-title">
        <h2 id="invites-title">{t("admin.invites")}</h2>
        {p.newInviteUrl && (
          <div role="status">
            <p>{t("admin.invites.created")}</p>
            <code class="secret">{p.newInviteUrl}</code>
          </div>
        )}
        <Form ctx={ctx} action="/admin/invites">
          <p>
            <button type="submit">{t("admin.invites.create")}</button>
          </p>
        </Form>
        {p.invites.length === 0 ? (
          <p class="muted">{t("admin.invites.none")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.invites.created_at")}</th>
                <th scope="col">{t("admin.invites.expires")}</th>
                <th scope="col">{t("admin.invites.status")}</th>
              </tr>
            </thead>
            <tbody>
              {p.invites.map((i) => (
                <tr>
                  <td>{fmt.dateTime(i.createdAt)}</td>
                  <td>{fmt.dateTime(i.expiresAt)}</td>
                  <td>
                    {i.usedAt
                      ? t("admin.invites.used", { handle: i.usedByHandle ?? "?" })
                      : i.expiresAt <= p.now
                        ? t("admin.invites.expired")
                        : t("admin.invites.unused")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {p.mail && <MailOutbox ctx={ctx} files={p.mail} />}
    </Layout>
  );
}
