import { sourceLabel } from "../../../services/imports/contact-data.ts";
import type { ImportReview, ImportStatusView, ReviewPerson } from "../../../services/imports/view.ts";
import type { PageContext } from "../../page-context.ts";
import { Form, Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";

/** The progress of a running import; htmx asks for it again every second and reloads the page once it is over. */
export function ImportProgress({ ctx, status }: { ctx: PageContext; status: ImportStatusView }) {
  const { t } = ctx;
  const committing = status.status === "committing";
  const label = committing
    ? t("imports.progress.committing")
    : t("imports.progress.reading", { file: status.fileName });
  return (
    <div
      id="import-progress"
      hx-get={`/settings/data/imports/${status.id}/status`}
      hx-trigger="every 1s"
      hx-swap="outerHTML"
    >
      <p id="import-progress-label">{label}</p>
      {committing ? (
        <progress aria-labelledby="import-progress-label" />
      ) : (
        <progress aria-labelledby="import-progress-label" max={100} value={status.percent}>
          {status.percent} %
        </progress>
      )}
      <p role="status">{committing ? "" : t("imports.progress.percent", { percent: status.percent })}</p>
      <p>
        <a href={`/settings/data/imports/${status.id}`}>{t("data.refresh")}</a>
      </p>
    </div>
  );
}

function Person({ person }: { person: ReviewPerson }) {
  const details = [
    [person.role, person.organisation].filter(Boolean).join(" · "),
    person.email,
    person.url,
  ].filter(Boolean);
  return (
    <span>
      <strong>{person.name}</strong> <span class="pill">{sourceLabel(person.source)}</span>
      {details.length > 0 && <span class="muted"> — {details.join(" · ")}</span>}
    </span>
  );
}

function Choice(p: {
  ctx: PageContext;
  name: string;
  legend: string;
  yes: string;
  no: string;
  accepted: boolean;
}) {
  return (
    <fieldset>
      <legend>{p.legend}</legend>
      <input type="radio" id={`${p.name}-yes`} name={p.name} value="yes" checked={p.accepted} />{" "}
      <label for={`${p.name}-yes`} class="inline">
        {p.yes}
      </label>{" "}
      <input type="radio" id={`${p.name}-no`} name={p.name} value="no" checked={!p.accepted} />{" "}
      <label for={`${p.name}-no`} class="inline">
        {p.no}
      </label>
    </fieldset>
  );
}

function Summary({ ctx, status }: { ctx: PageContext; status: ImportStatusView }) {
  const { t } = ctx;
  const s = status.summary;
  const skipped = Object.entries(s.skipped ?? {});
  return (
    <>
      {(s.files ?? []).length > 0 && (
        <p>{t("imports.summary.files", { files: (s.files ?? []).join(", ") })}</p>
      )}
      {skipped.length > 0 && (
        <>
          <p>{t("imports.summary.skippedTitle")}</p>
          <ul>
            {skipped.map(([reason, count]) => (
              <li>{t("imports.summary.skippedItem", { count, reason: skipReason(ctx, reason) })}</li>
            ))}
          </ul>
        </>
      )}
      {(s.ignoredFiles ?? []).length > 0 && (
        <details>
          <summary>{t("imports.summary.ignored", { count: (s.ignoredFiles ?? []).length })}</summary>
          <p>{(s.ignoredFiles ?? []).join(", ")}</p>
        </details>
      )}
    </>
  );
}

const KNOWN_REASONS = new Set([
  "deactivated_profile",
  "draft",
  "bad_date",
  "no_participants",
  "no_name",
  "empty_card",
  "truncated_card",
  "bad_address",
  "bad_row",
  "unknown_direction",
  "not_a_friend",
  "fact_without_person",
]);

function skipReason(ctx: PageContext, reason: string): string {
  return KNOWN_REASONS.has(reason) ? ctx.t(`imports.skip.${reason}`) : reason;
}

function Review({ ctx, review }: { ctx: PageContext; review: ImportReview }) {
  const { t } = ctx;
  const id = review.status.id;
  const total = review.newCount + review.matchCount;
  return (
    <>
      <p>
        {t("imports.review.intro", {
          people: review.status.summary.people ?? 0,
          facts: review.status.summary.facts ?? 0,
        })}
      </p>
      <Summary ctx={ctx} status={review.status} />
      {review.alreadyImported > 0 && <p>{t("imports.review.already", { count: review.alreadyImported })}</p>}
      <Form ctx={ctx} action={`/settings/data/imports/${id}/commit`}>
        {review.merges.length > 0 && (
          <section aria-labelledby="merges-title">
            <h2 id="merges-title">{t("imports.review.mergesTitle", { count: review.mergeCount })}</h2>
            <p>{t("imports.review.mergesIntro")}</p>
            {review.merges.map((m) => (
              <div class="card">
                <p>
                  <Person person={m.a} />
                  <br />
                  <Person person={m.b} />
                  <br />
                  <span class="muted">{t(`imports.reason.${m.reason}`)}</span>
                </p>
                <Choice
                  ctx={ctx}
                  name={`merge-${m.id}`}
                  legend={t("imports.review.mergeLegend", { a: m.a.name, b: m.b.name })}
                  yes={t("imports.review.merge")}
                  no={t("imports.review.keepApart")}
                  accepted={m.accepted}
                />
              </div>
            ))}
            {review.mergeCount > review.merges.length && (
              <p class="muted">
                {t("imports.review.more", { count: review.mergeCount - review.merges.length })}
              </p>
            )}
          </section>
        )}
        {review.matches.length > 0 && (
          <section aria-labelledby="matches-title">
            <h2 id="matches-title">{t("imports.review.matchesTitle", { count: review.matchCount })}</h2>
            {review.matches.map((m) => {
              const target = m.member
                ? m.member.domain
                  ? `@${m.member.handle}@${m.member.domain}`
                  : `@${m.member.handle}`
                : (m.contact?.name ?? "");
              return (
                <div class="card">
                  <p>
                    <Person person={m.person} />
                    <br />
                    {m.member ? (
                      <span>
                        {t("imports.review.isMember")}{" "}
                        {m.member.domain ? (
                          <span>{target}</span>
                        ) : (
                          <a href={`/@${m.member.handle}`}>
                            {m.member.displayName} ({target})
                          </a>
                        )}
                      </span>
                    ) : (
                      m.contact && (
                        <span>
                          {t("imports.review.isContact")}{" "}
                          <a href={`/contacts/${m.contact.id}`}>{m.contact.name}</a>
                        </span>
                      )
                    )}{" "}
                    <span class="muted">{t(`imports.reason.${m.reason}`)}</span>
                  </p>
                  <Choice
                    ctx={ctx}
                    name={`match-${m.person.id}`}
                    legend={t("imports.review.matchLegend", { name: m.person.name, target })}
                    yes={
                      m.member ? t("imports.review.link", { target }) : t("imports.review.addTo", { target })
                    }
                    no={t("imports.review.keepApart")}
                    accepted={m.accepted}
                  />
                </div>
              );
            })}
            {review.matchCount > review.matches.length && (
              <p class="muted">
                {t("imports.review.more", { count: review.matchCount - review.matches.length })}
              </p>
            )}
          </section>
        )}
        <section aria-labelledby="new-title">
          <h2 id="new-title">{t("imports.review.newTitle", { count: review.newCount })}</h2>
          <ul>
            {review.sample.map((person) => (
              <li>
                <Person person={person} />
              </li>
            ))}
          </ul>
          {review.newCount > review.sample.length && (
            <p class="muted">{t("imports.review.more", { count: review.newCount - review.sample.length })}</p>
          )}
        </section>
        <button type="submit">{t("imports.review.commit", { count: total })}</button>
      </Form>
      <Form ctx={ctx} action={`/settings/data/imports/${id}/cancel`}>
        <button type="submit" class="secondary">
          {t("imports.cancel")}
        </button>
      </Form>
    </>
  );
}

function Done({ ctx, status }: { ctx: PageContext; status: ImportStatusView }) {
  const { t } = ctx;
  const c = status.summary.commit;
  return (
    <>
      <div class="alert alert-ok" role="status">
        {t("imports.done.title")}
      </div>
      {c && (
        <ul>
          <li>{t("imports.done.created", { count: c.created })}</li>
          <li>{t("imports.done.matched", { count: c.matched })}</li>
          <li>{t("imports.done.merged", { count: c.merged })}</li>
          <li>{t("imports.done.unchanged", { count: c.unchanged })}</li>
          <li>{t("imports.done.facts", { count: c.factsAdded })}</li>
        </ul>
      )}
      <Summary ctx={ctx} status={status} />
      <p>
        <a href="/contacts">{t("imports.done.seeContacts")}</a>
      </p>
    </>
  );
}

const ERROR_CODES = new Set([
  "wrong_format",
  "bad_encoding",
  "truncated",
  "too_large",
  "line_too_long",
  "unsafe_path",
  "zip_bomb",
  "too_many_entries",
]);

/** The localized message for a file problem, naming the file. */
export function importErrorMessage(ctx: PageContext, code: string | null, file: string | null): string {
  const key = code && ERROR_CODES.has(code) ? code : "unknown";
  return ctx.t(`imports.error.${key}`, { file: file ?? "" });
}

export function ImportPage(p: {
  ctx: PageContext;
  status: ImportStatusView;
  review: ImportReview | null;
  notice?: string | null;
}) {
  const { ctx, status } = p;
  const { t } = ctx;
  const running = status.status === "parsing" || status.status === "committing";
  return (
    <Layout ctx={ctx} title={t("imports.pageTitle", { file: status.fileName })}>
      <p>
        <a href="/settings/data">{t("data.back")}</a>
      </p>
      <h1>{t("imports.pageTitle", { file: status.fileName })}</h1>
      <Notice text={p.notice ?? null} />
      {running && <ImportProgress ctx={ctx} status={status} />}
      {status.status === "review" && p.review && <Review ctx={ctx} review={p.review} />}
      {status.status === "done" && <Done ctx={ctx} status={status} />}
      {status.status === "failed" && (
        <>
          <div class="alert alert-error" role="alert">
            {importErrorMessage(ctx, status.errorCode, status.errorFile)}
          </div>
          <p>{t("imports.failed.nothingWritten")}</p>
          <p>
            <a href="/settings/data#import">{t("imports.failed.again")}</a>
          </p>
        </>
      )}
      {(status.status === "failed" || status.status === "parsing") && (
        <Form ctx={ctx} action={`/settings/data/imports/${status.id}/cancel`}>
          <button type="submit" class="secondary">
            {status.status === "failed" ? t("imports.remove") : t("imports.cancel")}
          </button>
        </Form>
      )}
    </Layout>
  );
}
