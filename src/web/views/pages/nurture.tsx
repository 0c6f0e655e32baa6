import type { Suggestion } from "../../../services/nurture/today.ts";
import type { PageContext } from "../../page-context.ts";
import { Form, Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";

/** The links between the nurture pages. */
export function NurtureNav({ ctx, current }: { ctx: PageContext; current: string }) {
  const { t } = ctx;
  const links: [string, string][] = [
    ["/nurture", t("nurture.nav.today")],
    ["/nurture/report", t("nurture.nav.report")],
    ["/nurture/circles", t("nurture.nav.circles")],
    ["/nurture/settings", t("nurture.nav.settings")],
  ];
  return (
    <nav aria-label={t("nurture.nav.label")} class="subnav">
      <ul class="plain inline-list">
        {links.map(([href, label]) => (
          <li>
            <a href={href} aria-current={href === current ? "page" : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function contextLine(ctx: PageContext, s: Suggestion): string | null {
  const { t } = ctx;
  const c = s.nudge.context;
  if (s.nudge.kind === "important_date" && c.date) {
    const what = c.date.kind === "birthday" ? t("nurture.date.birthday") : (c.date.label ?? "");
    return c.years !== undefined
      ? t("nurture.context.dateYears", { what, years: c.years })
      : t("nurture.context.date", { what });
  }
  const parts: string[] = [];
  if (s.howWeMet) parts.push(t("nurture.context.met", { where: s.howWeMet }));
  if (c.lastTopic && (s.nudge.kind === "catch_up" || s.nudge.kind === "reconnect")) {
    parts.push(t("nurture.context.topic", { topic: c.lastTopic }));
  }
  return parts.length > 0 ? parts.join(" · ") : null;
}

function SuggestionItem({ ctx, s }: { ctx: PageContext; s: Suggestion }) {
  const { t } = ctx;
  const context = contextLine(ctx, s);
  const doneLabel = t(`nurture.done.${s.action.type}`, { name: s.name });
  return (
    <li class="card">
      <p>
        <strong>{t(`nurture.nudge.${s.nudge.kind}`, { name: s.name })}</strong>
      </p>
      <p class="muted">{t(`nurture.reason.${s.nudge.kind}`)}</p>
      {context && <p>{context}</p>}
      <div class="actions">
        <a class="button" href={s.action.href}>
          {doneLabel}
        </a>
        <a href={s.storyPath}>{t("nurture.storyLink", { name: s.name })}</a>
        <Form ctx={ctx} action="/nurture/nudges">
          <input type="hidden" name="key" value={s.nudge.key} />
          <input type="hidden" name="action" value="snooze" />
          <input type="hidden" name="days" value="7" />
          <button type="submit" class="secondary" aria-label={t("nurture.snoozeLabel", { name: s.name })}>
            {t("nurture.snooze")}
          </button>
        </Form>
        <Form ctx={ctx} action="/nurture/nudges">
          <input type="hidden" name="key" value={s.nudge.key} />
          <input type="hidden" name="action" value="dismiss" />
          <button type="submit" class="secondary" aria-label={t("nurture.dismissLabel", { name: s.name })}>
            {t("nurture.dismiss")}
          </button>
        </Form>
      </div>
    </li>
  );
}

/** Today's suggestions: a short, ranked list, never a flood. */
export function NurturePage(p: { ctx: PageContext; suggestions: Suggestion[]; notice: string | null }) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("nurture.title")}>
      <h1>{t("nurture.title")}</h1>
      <NurtureNav ctx={ctx} current="/nurture" />
      <Notice text={p.notice} />
      <p class="muted">{t("nurture.private")}</p>
      <section aria-labelledby="today-title">
        <h2 id="today-title">{t("nurture.today.title")}</h2>
        {p.suggestions.length === 0 ? (
          <p>{t("nurture.today.empty")}</p>
        ) : (
          <ul class="plain">
            {p.suggestions.map((s) => (
              <SuggestionItem ctx={ctx} s={s} />
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
