import type { PageContext } from "../../page-context.ts";
import { Layout } from "../layout.tsx";

export function LandingPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("home.title")}>
      <h1>{t("app.tagline")}</h1>
      <p>{t("app.pitch")}</p>
      <p class="actions">
        <a class="button" href="/signup">
          {t("nav.signUp")}
        </a>
        <a href="/signin">{t("nav.signIn")}</a>
      </p>
    </Layout>
  );
}

export function HomePage({ ctx }: { ctx: PageContext }) {
  const { t, viewer } = ctx;
  if (!viewer) return <LandingPage ctx={ctx} />;
  return (
    <Layout ctx={ctx} title={t("home.title")}>
      <h1>{t("home.welcome", { name: viewer.displayName })}</h1>
      <section class="card">
        <p>{t("home.profileNudge")}</p>
        <p class="actions">
          <a class="button" href="/profile/edit">
            {t("home.editProfile")}
          </a>
          <a href={`/@${viewer.handle}`}>{t("home.viewProfile")}</a>
        </p>
      </section>
    </Layout>
  );
}
