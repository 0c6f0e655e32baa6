import { PREFERENCE_SECTIONS, type Preference } from "../../../services/notifications/preferences.ts";
import type { PageContext } from "../../page-context.ts";
import { Form, Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";

/**
 * Notification preferences: a checkbox per choice, by section, all on by default, each with a hint
 * saying which notifications it covers. Titled apart from the notifications themselves ("Notification
 * settings", not "Notifications"), with the way back to the other settings.
 */
export function NotificationSettingsPage({
  ctx,
  preferences,
  notice,
}: {
  ctx: PageContext;
  preferences: Record<Preference, boolean>;
  notice?: string | null;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("notifications.preferences.pageTitle")}>
      <p>
        <a href="/settings">{t("notifications.preferences.back")}</a>
      </p>
      <h1>{t("notifications.preferences.pageTitle")}</h1>
      <Notice text={notice ?? null} />
      <p>{t("notifications.preferences.intro")}</p>
      <Form ctx={ctx} action="/settings/notifications">
        {Object.entries(PREFERENCE_SECTIONS).map(([section, choices]) => (
          <fieldset>
            <legend>{t(`notifications.preferences.section.${section}`)}</legend>
            {Object.keys(choices).map((choice) => (
              <div class="field">
                <input
                  type="checkbox"
                  id={`notify-${choice}`}
                  name="kind"
                  value={choice}
                  checked={preferences[choice as Preference]}
                  aria-describedby={`notify-${choice}-hint`}
                />{" "}
                <label class="inline" for={`notify-${choice}`}>
                  {t(`notifications.preferences.${choice}`)}
                </label>
                <p class="hint" id={`notify-${choice}-hint`}>
                  {t(`notifications.preferences.${choice}.hint`)}
                </p>
              </div>
            ))}
          </fieldset>
        ))}
        <button type="submit">{t("notifications.preferences.save")}</button>
      </Form>
    </Layout>
  );
}
