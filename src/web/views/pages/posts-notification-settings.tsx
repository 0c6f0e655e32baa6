import type { PreferenceKind } from "../../../services/posts/preferences.ts";
import type { PageContext } from "../../page-context.ts";
import { Form, Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";

/** Per-type notification preferences: one checkbox per kind, all on by default. */
export function NotificationSettingsPage({
  ctx,
  preferences,
  notice,
}: {
  ctx: PageContext;
  preferences: Record<PreferenceKind, boolean>;
  notice?: string | null;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("notifications.preferences.title")}>
      <h1>{t("notifications.preferences.title")}</h1>
      <Notice text={notice ?? null} />
      <Form ctx={ctx} action="/settings/notifications">
        <fieldset>
          <legend>{t("notifications.preferences.intro")}</legend>
          {Object.entries(preferences).map(([kind, on]) => (
            <div class="field">
              <input type="checkbox" id={`notify-${kind}`} name="kind" value={kind} checked={on} />{" "}
              <label class="inline" for={`notify-${kind}`}>
                {t(`notifications.preferences.${kind}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit">{t("notifications.preferences.save")}</button>
      </Form>
    </Layout>
  );
}
