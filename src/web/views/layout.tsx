import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { assetUrl } from "../assets.ts";
import type { PageContext } from "../page-context.ts";
import { unreadLabel } from "../unread-label.ts";
import { Form } from "./form.tsx";
import { keptFragmentAsync } from "./kept-fragments.ts";

function LanguageSwitch({ ctx }: { ctx: PageContext }) {
  const other = ctx.locale === "en" ? "fr" : "en";
  const label = (
    <>
      <span class="visually-hidden">{ctx.t("text.labelled", { label: ctx.t("lang.switch") })} </span>
      <span lang={other}>{ctx.t(`lang.${other}`)}</span>
    </>
  );
  // A visitor's choice is only a cookie: a plain link, so anonymous pages carry no form and no token.
  if (!ctx.viewer) {
    return (
      <a class="lang-switch" href={`/language?locale=${other}&next=${encodeURIComponent(ctx.path)}`}>
        {label}
      </a>
    );
  }
  return (
    <Form ctx={ctx} action="/language" class="lang-switch" aria-label={ctx.t("lang.label")}>
      <input type="hidden" name="next" value={ctx.path} />
      <input type="hidden" name="locale" value={other} />
      <button type="submit" class="link-button">
        {label}
      </button>
    </Form>
  );
}

/** An unread count, awaited while the page renders (the query started when the page was built). */
async function Badge({ ctx, of }: { ctx: PageContext; of: "messages" | "notifications" }) {
  const count = ctx.counts ? (await ctx.counts)[of] : 0;
  if (count === 0) return null;
  return (
    <span class="badge">
      <span aria-hidden="true">{count > 99 ? "99+" : count}</span>
      <span class="visually-hidden">{unreadLabel(ctx.t, count)}</span>
    </span>
  );
}

const SECTIONS = [
  "/",
  "/signin",
  "/signup",
  "/network",
  "/messages",
  "/events",
  "/nurture",
  "/notifications",
  "/search",
];

/** The navigation's link for the page at `path` (marked as the current page), or "" for none. */
function navSection(path: string): string {
  return SECTIONS.find((href) => path === href || path.startsWith(`${href}?`)) ?? "";
}

/**
 * A member's navigation, kept per member, language and current section, and drawn again when their
 * badges, handle or role change (kept-fragments.ts): the same on every page they open.
 */
export async function KeptNavigation({ ctx }: { ctx: PageContext }) {
  const viewer = ctx.viewer;
  if (!viewer) return <Navigation ctx={ctx} />;
  const counts = (await ctx.counts) ?? { notifications: 0, messages: 0 };
  return keptFragmentAsync(
    ctx,
    {
      key: `nav|${viewer.accountId}|${ctx.locale}|${navSection(ctx.path)}`,
      fingerprint: `${viewer.handle}|${viewer.role}|${counts.notifications}|${counts.messages}`,
      keepPath: true,
    },
    (marked) => <Navigation ctx={marked} />,
  );
}

/** The site's navigation: the sign-in links, or the member's sections, badges and account menu. */
export function Navigation({ ctx }: { ctx: PageContext }) {
  const { t, viewer } = ctx;
  const section = navSection(ctx.path);
  const current = (href: string) => (section === href ? "page" : undefined);
  if (!viewer) {
    return (
      <nav aria-label={t("nav.label")} class="nav">
        <a href="/signin" aria-current={current("/signin")}>
          {t("nav.signIn")}
        </a>
        <a href="/signup" aria-current={current("/signup")} class="button">
          {t("nav.signUp")}
        </a>
      </nav>
    );
  }
  return (
    <nav aria-label={t("nav.label")} class="nav">
      <a href="/" aria-current={current("/")}>
        {t("nav.home")}
      </a>
      <a href="/network" aria-current={current("/network")}>
        {t("nav.network")}
      </a>
      <a href="/messages" aria-current={current("/messages")}>
        {t("nav.messages")}
        <Badge ctx={ctx} of="messages" />
      </a>
      <a href="/events" aria-current={current("/events")}>
        {t("nav.events")}
      </a>
      <a href="/nurture" aria-current={current("/nurture")}>
        {t("nav.nurture")}
      </a>
      <a href="/notifications" aria-current={current("/notifications")}>
        {t("nav.notifications")}
        <Badge ctx={ctx} of="notifications" />
      </a>
      <a href="/search" aria-current={current("/search")}>
        {t("nav.search")}
      </a>
      <details class="menu">
        <summary>
          <span class="visually-hidden">{t("text.labelled", { label: t("nav.account") })} </span>@
          {viewer.handle}
        </summary>
        <ul>
          <li>
            <a href={`/@${viewer.handle}`}>{t("nav.profile")}</a>
          </li>
          <li>
            <a href="/bookmarks">{t("posts.bookmarks.link")}</a>
          </li>
          <li>
            <a href="/settings">{t("nav.settings")}</a>
          </li>
          <li>
            <a href="/settings/data">{t("nav.data")}</a>
          </li>
          {viewer.role === "admin" && (
            <li>
              <a href="/admin">{t("nav.admin")}</a>
            </li>
          )}
          <li>
            <Form ctx={ctx} action="/signout">
              <button type="submit" class="link-button">
                {t("nav.signOut")}
              </button>
            </Form>
          </li>
        </ul>
      </details>
    </nav>
  );
}

export function Layout({ ctx, title, children }: { ctx: PageContext; title: string; children: Child }) {
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang={ctx.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <title>{`${title} · ${ctx.instanceName}`}</title>
          <link rel="stylesheet" href={assetUrl("style.css")} />
          <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
          {/* htmx must not inject its own inline <style>: the CSP allows only our stylesheet. */}
          <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />
          <script src={assetUrl("htmx.min.js")} defer />
          {ctx.viewer && <script src={assetUrl("live.js")} defer />}
          {ctx.viewer && <script src={assetUrl("composer.js")} defer />}
        </head>
        <body>
          <a class="skip-link" href="#main">
            {ctx.t("nav.skip")}
          </a>
          <header class="site-header">
            <a href="/" class="brand">
              {ctx.instanceName}
            </a>
            {ctx.navigation ?? <KeptNavigation ctx={ctx} />}
            <LanguageSwitch ctx={ctx} />
          </header>
          <main id="main" tabindex={-1}>
            {children}
          </main>
          <footer class="site-footer">
            <p>{ctx.t("app.tagline")}</p>
          </footer>
        </body>
      </html>
    </>
  );
}
