import type { Locale } from "../../../i18n/index.ts";
import type { PageContext } from "../../page-context.ts";
import { Form } from "../form.tsx";
import { Layout } from "../layout.tsx";

/**
 * A member who followed a language link (a visitor's switch, on a page opened before signing in):
 * a link changes no account, so the choice is confirmed with the switch's own form, then they go back.
 */
export function LanguagePage({ ctx, locale, next }: { ctx: PageContext; locale: Locale; next: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("lang.switch")}>
      <h1>{t("lang.switch")}</h1>
      <p>{t("lang.confirm.intro")}</p>
      <Form ctx={ctx} action="/language">
        <input type="hidden" name="next" value={next} />
        <input type="hidden" name="locale" value={locale} />
        <button type="submit" lang={locale}>
          {t(`lang.${locale}`)}
        </button>
      </Form>
      <p>
        <a href={next}>{t("lang.confirm.back")}</a>
      </p>
    </Layout>
  );
}
