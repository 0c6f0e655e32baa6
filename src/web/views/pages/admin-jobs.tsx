import type { JobsOverview } from "../../../services/jobs/overview.ts";
import type { PageContext } from "../../page-context.ts";
import { Form } from "../form.tsx";
import { Layout } from "../layout.tsx";

export function AdminJobsPage(p: { ctx: PageContext; overview: JobsOverview }) {
  const { ctx, overview } = p;
  const { t, fmt } = ctx;
  return (
    <Layout ctx={ctx} title={t("jobs.title")}>
      <p>
        <a href="/admin">{t("jobs.back")}</a>
      </p>
      <h1>{t("jobs.title")}</h1>
      <p class="muted">{t("jobs.intro")}</p>
      {overview.overdue > 0 && (
        <p class="notice" role="status">
          {t("jobs.overdue", { count: overview.overdue })}
        </p>
      )}
      <section class="card" aria-labelledby="jobs-counts">
        <h2 id="jobs-counts">{t("jobs.counts")}</h2>
        {overview.counts.length === 0 ? (
          <p class="muted">{t("jobs.none")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("jobs.kind")}</th>
                <th scope="col">{t("jobs.status")}</th>
                <th scope="col">{t("jobs.count")}</th>
              </tr>
            </thead>
            <tbody>
              {overview.counts.map((c) => (
                <tr>
                  <td>{c.kind}</td>
                  <td>{t(`jobs.status.${c.status}`)}</td>
                  <td>{c.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="card" aria-labelledby="jobs-retrying">
        <h2 id="jobs-retrying">{t("jobs.retrying")}</h2>
        {overview.retrying.length === 0 ? (
          <p class="muted">{t("jobs.retrying.none")}</p>
        ) : (
          <ul class="plain">
            {overview.retrying.map((r) => (
              <li>
                <strong>{r.kind}</strong> · {t("jobs.attempts", { count: r.attempts })} / {r.maxAttempts} ·{" "}
                {t("jobs.retrying.next", { date: fmt.dateTime(r.nextAt) })}
                {r.lastError && <pre class="error-detail">{r.lastError}</pre>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="jobs-failed">
        <h2 id="jobs-failed">{t("jobs.failed")}</h2>
        {overview.failed.length === 0 ? (
          <p class="muted">{t("jobs.failed.none")}</p>
        ) : (
          <ul class="plain">
            {overview.failed.map((f) => (
              <li>
                <strong>{f.kind}</strong> · {t("jobs.attempts", { count: f.attempts })}
                {f.finishedAt && <> · {fmt.dateTime(f.finishedAt)}</>}
                {f.lastError && <pre class="error-detail">{f.lastError}</pre>}
                <Form ctx={ctx} action={`/admin/jobs/${f.id}/retry`}>
                  <button type="submit">{t("jobs.retry")}</button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
