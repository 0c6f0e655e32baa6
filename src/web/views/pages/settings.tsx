import type { Privacy } from "../../../services/accounts/privacy.ts";
import type { SessionSummary } from "../../../services/sessions/list.ts";
import type { PageContext } from "../../page-context.ts";
import { type Errors, Field, Form, FormErrors, Notice, Select, type Values } from "../form.tsx";
import { Layout } from "../layout.tsx";

/** A short readable device name from a User-Agent ("Firefox on Linux"). */
export function describeDevice(userAgent: string): string | null {
  const browser = /(Edg|Firefox|Chrome|Chromium|Safari|curl)\//.exec(userAgent)?.[1];
  const system = /(Windows|Android|iPhone|iPad|Mac OS X|Linux)/.exec(userAgent)?.[1];
  if (!browser && !system) return null;
  const name = browser === "Edg" ? "Edge" : browser;
  return [name, system?.replace("Mac OS X", "macOS")].filter(Boolean).join(" · ");
}

export function SettingsPage(p: {
  ctx: PageContext;
  sessions: SessionSummary[];
  privacy: Privacy;
  timeZones: string[];
  preferences: Values;
  preferenceErrors?: Errors | undefined;
  passwordErrors?: Errors | undefined;
  notice?: string | null;
}) {
  const { ctx } = p;
  const { t, fmt } = ctx;
  return (
    <Layout ctx={ctx} title={t("settings.title")}>
      <h1>{t("settings.title")}</h1>
      <Notice text={p.notice ?? null} />

      <section class="card" aria-labelledby="prefs-title">
        <h2 id="prefs-title">{t("settings.preferences")}</h2>
        <FormErrors ctx={ctx} errors={p.preferenceErrors} />
        <Form ctx={ctx} action="/settings/preferences">
          <Select
            ctx={ctx}
            name="locale"
            label={t("settings.language")}
            options={[
              { value: "en", label: t("lang.en") },
              { value: "fr", label: t("lang.fr") },
            ]}
            selected={p.preferences.locale ?? ctx.locale}
            errors={p.preferenceErrors}
          />
          <Select
            ctx={ctx}
            name="timeZone"
            label={t("settings.timeZone")}
            options={[
              { value: "", label: t("settings.timeZoneDefault") },
              ...p.timeZones.map((z) => ({ value: z, label: z })),
            ]}
            selected={p.preferences.timeZone ?? ""}
            errors={p.preferenceErrors}
          />
          <button type="submit">{t("settings.savePreferences")}</button>
        </Form>
      </section>

      <section class="card" aria-labelledby="notification-prefs-title">
        <h2 id="notification-prefs-title">{t("notifications.preferences.title")}</h2>
        <p>
          <a href="/settings/notifications">{t("notifications.preferences.link")}</a>
        </p>
      </section>

      <section class="card" aria-labelledby="privacy-title">
        <h2 id="privacy-title">{t("privacy.title")}</h2>
        <Form ctx={ctx} action="/settings/privacy">
          <div class="field">
            <input type="checkbox" id="field-locked" name="locked" checked={p.privacy.locked} />{" "}
            <label for="field-locked" class="inline">
              {t("privacy.locked")}
            </label>
          </div>
          <div class="field">
            <input
              type="checkbox"
              id="field-discoverable"
              name="discoverable"
              checked={p.privacy.discoverable}
            />{" "}
            <label for="field-discoverable" class="inline">
              {t("privacy.discoverable")}
            </label>
          </div>
          <button type="submit">{t("privacy.save")}</button>
        </Form>
      </section>

      <section class="card" aria-labelledby="password-title">
        <h2 id="password-title">{t("settings.password")}</h2>
        <FormErrors ctx={ctx} errors={p.passwordErrors} />
        <Form ctx={ctx} action="/settings/password">
          <input type="text" name="username" autocomplete="username" value={ctx.viewer?.handle} hidden />
          <Field
            ctx={ctx}
            name="currentPassword"
            type="password"
            label={t("settings.currentPassword")}
            errors={p.passwordErrors}
            required
            autocomplete="current-password"
          />
          <Field
            ctx={ctx}
            name="newPassword"
            type="password"
            label={t("settings.newPassword")}
            hint={t("signUp.passwordHint")}
            errors={p.passwordErrors}
            required
            autocomplete="new-password"
          />
          <button type="submit">{t("settings.changePassword")}</button>
        </Form>
      </section>

      <section class="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("settings.sessions")}</h2>
        <p>{t("settings.sessionsIntro")}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("settings.session.device")}</th>
              <th scope="col">{t("settings.session.lastSeen")}</th>
              <th scope="col">{t("settings.session.started")}</th>
              <th scope="col">
                <span class="visually-hidden">{t("settings.session.revoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {p.sessions.map((s) => {
              const device = describeDevice(s.userAgent) ?? t("settings.session.unknownDevice");
              return (
                <tr>
                  <td>
                    {device}
                    <br />
                    <span class="muted">{s.ip}</span>
                  </td>
                  <td>{fmt.dateTime(s.lastSeenAt)}</td>
                  <td>{fmt.dateTime(s.createdAt)}</td>
                  <td>
                    {s.current ? (
                      <strong>{t("settings.session.current")}</strong>
                    ) : (
                      <Form ctx={ctx} action={`/settings/sessions/${s.id}/revoke`}>
                        <button
                          type="submit"
                          class="secondary"
                          aria-label={t("settings.session.revokeLabel", { device })}
                        >
                          {t("settings.session.revoke")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {p.sessions.length > 1 && (
          <Form ctx={ctx} action="/settings/sessions/revoke-others">
            <p>
              <button type="submit" class="danger">
                {t("settings.session.revokeOthers")}
              </button>
            </p>
          </Form>
        )}
      </section>
    </Layout>
  );
}
