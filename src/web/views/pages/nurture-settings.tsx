import type { NurturePrefs } from "../../../services/nurture/prefs.ts";
import type { PageContext } from "../../page-context.ts";
import { Form, Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { NurtureNav } from "./nurture.tsx";

/** The weekly digest opt-in. */
export function NurtureSettingsPage(p: { ctx: PageContext; prefs: NurturePrefs; notice: string | null }) {
  const { ctx, prefs } = p;
  const { t, fmt } = ctx;
  return (
    <Layout ctx={ctx} title={t("nurture.settings.title")}>
      <h1>{t("nurture.settings.title")}</h1>
      <NurtureNav ctx={ctx} current="/nurture/settings" />
      <Notice text={p.notice} />
      <Form ctx={ctx} action="/nurture/settings">
        <div class="field">
          <input type="checkbox" id="field-weeklyDigest" name="weeklyDigest" checked={prefs.weeklyDigest} />
          <label for="field-weeklyDigest" class="inline">
            {t("nurture.settings.weekly")}
          </label>
          <p class="hint">{t("nurture.settings.weeklyHint")}</p>
        </div>
        {prefs.digestSentAt && (
          <p class="muted">{t("nurture.settings.lastSent", { date: fmt.date(prefs.digestSentAt) })}</p>
        )}
        <button type="submit">{t("nurture.settings.save")}</button>
      </Form>
    </Layout>
  );
}
