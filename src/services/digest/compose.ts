import { isLocale, type Locale, translator } from "../../i18n/index.ts";
import type { Deps, Viewer } from "../deps.ts";
import { reportLines } from "../nurture/readings.ts";
import { buildReport } from "../nurture/report.ts";
import { todaysSuggestions } from "../nurture/today.ts";

/** The digest is capped: a few suggestions and one line of the report. */
export const DIGEST_SUGGESTIONS = 3;

export interface DigestMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The weekly digest of one member, in their language; null when there is nothing to suggest or say. */
export async function composeDigest(
  deps: Pick<Deps, "db" | "clock" | "config">,
  accountId: string,
): Promise<DigestMessage | null> {
  const account = await deps.db
    .selectFrom("accounts")
    .innerJoin("actors", "actors.id", "accounts.actor_id")
    .select(["accounts.email", "accounts.locale", "accounts.role", "actors.handle", "actors.display_name"])
    .where("accounts.actor_id", "=", accountId)
    .executeTakeFirst();
  if (!account) return null;
  const locale: Locale = isLocale(account.locale) ? account.locale : "en";
  const t = translator(locale);
  const viewer: Viewer = {
    accountId,
    sessionId: "",
    handle: account.handle,
    displayName: account.display_name,
    role: account.role,
    locale,
    timeZone: null,
  };
  const suggestions = await todaysSuggestions(deps, viewer, { limit: DIGEST_SUGGESTIONS });
  const report = await buildReport(deps, viewer, "month");
  const line = reportLines(t, report.report)[0] ?? null;
  if (suggestions.length === 0 && line === null) return null;
  const base = deps.config.publicUrl;
  const items = suggestions.map((s) => ({
    text: t(`nurture.nudge.${s.nudge.kind}`, { name: s.name }),
    url: `${base}${s.storyPath}`,
  }));
  const subject = t("digest.subject", { instance: deps.config.instanceName });
  const text = [
    t("digest.greeting", { name: account.display_name || account.handle }),
    "",
    ...(items.length > 0
      ? [
          t("digest.suggestions"),
          ...items.map((i) => `- ${t("text.labelled", { label: i.text })} ${i.url}`),
          "",
        ]
      : []),
    ...(line ? [line, ""] : []),
    t("digest.open", { url: `${base}/nurture` }),
    t("digest.optOut", { url: `${base}/nurture/settings` }),
  ].join("\n");
  const html = [
    `<p>${escapeHtml(t("digest.greeting", { name: account.display_name || account.handle }))}</p>`,
    ...(items.length > 0
      ? [
          `<p>${escapeHtml(t("digest.suggestions"))}</p><ul>`,
          ...items.map((i) => `<li><a href="${escapeHtml(i.url)}">${escapeHtml(i.text)}</a></li>`),
          "</ul>",
        ]
      : []),
    ...(line ? [`<p>${escapeHtml(line)}</p>`] : []),
    `<p><a href="${escapeHtml(`${base}/nurture`)}">${escapeHtml(t("digest.openLink"))}</a></p>`,
    `<p><small><a href="${escapeHtml(`${base}/nurture/settings`)}">${escapeHtml(t("digest.optOutLink"))}</a></small></p>`,
  ].join("\n");
  return { to: account.email, subject, text, html };
}
