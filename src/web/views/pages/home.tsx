import type { TimelineItem } from "../../../services/timelines/page.ts";
import type { PageContext } from "../../page-context.ts";
import { Composer } from "../composer.tsx";
import type { Errors, Values } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { EMPTY_SINCE, NewPostsLink, TimelineList, TimelineTabs } from "./timeline.tsx";

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
      <p>
        <a href="/timelines/public">{t("timelines.public.title")}</a>
      </p>
    </Layout>
  );
}

/**
 * A member's home: the composer, then the home timeline (people followed and connections, newest
 * first). `since` is the newest entry shown: the live script (live.js) asks how many arrived after it
 * and shows "N new posts — show" without reloading.
 */
export function HomePage(p: {
  ctx: PageContext;
  items: TimelineItem[];
  olderHref: string | null;
  firstPage: boolean;
  values?: Values;
  errors?: Errors | undefined;
}) {
  const { ctx } = p;
  const { t, viewer } = ctx;
  if (!viewer) return <LandingPage ctx={ctx} />;
  return (
    <Layout ctx={ctx} title={t("home.title")}>
      <h1>{t("home.welcome", { name: viewer.displayName })}</h1>
      {p.firstPage && p.items.length === 0 && (
        // A newcomer's first steps: nothing to read yet, so a profile worth connecting with.
        <section class="card">
          <p>{t("home.profileNudge")}</p>
          <p class="actions">
            <a class="button" href="/profile/edit">
              {t("home.editProfile")}
            </a>
            <a href={`/@${viewer.handle}`}>{t("home.viewProfile")}</a>
          </p>
        </section>
      )}
      <Composer ctx={ctx} values={p.values} errors={p.errors} next="/" />
      {/* Before the timeline's section, in `main`: kept in view even while the composer fills it. */}
      <NewPostsLink
        ctx={ctx}
        href="/"
        live={p.firstPage ? { kind: "home", since: p.items[0]?.entryId ?? EMPTY_SINCE } : null}
      />
      <section aria-labelledby="timeline-title" class="timeline-section">
        <h2 id="timeline-title">{t("timelines.heading")}</h2>
        <TimelineTabs ctx={ctx} current="home" />
        <TimelineList
          ctx={ctx}
          items={p.items}
          olderHref={p.olderHref}
          newestHref={p.firstPage ? null : "/"}
          empty={t("timelines.empty.home")}
        />
      </section>
    </Layout>
  );
}
