import { Hono } from "hono";
import type { Invalid } from "../../domain/errors.ts";
import { isLocale } from "../../i18n/index.ts";
import { changePassword } from "../../services/accounts/change-password.ts";
import { listTimeZones, updatePreferences } from "../../services/accounts/preferences.ts";
import { readPrivacy, updatePrivacy } from "../../services/accounts/privacy.ts";
import type { Deps } from "../../services/deps.ts";
import { listSessions } from "../../services/sessions/list.ts";
import { revokeOtherSessions, revokeSession } from "../../services/sessions/revoke.ts";
import { cookieNames, setAppCookie } from "../cookies.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { handleForm, readForm, safeNext, viewerOrRedirect } from "../http.ts";
import { pageContext } from "../page-context.ts";
import type { Values } from "../views/form.tsx";
import { LanguagePage } from "../views/pages/language.tsx";
import { SettingsPage } from "../views/pages/settings.tsx";

const LANG_COOKIE_SECONDS = 365 * 24 * 3600;
const notices = {
  preferences: "settings.preferencesSaved",
  password: "settings.passwordChanged",
  revoked: "settings.session.revoked",
  privacy: "privacy.saved",
} as const;

export function settingsRoutes(deps: Deps) {
  async function settingsPage(
    c: AppContext,
    extra: {
      preferences?: Values;
      preferenceErrors?: Invalid["fields"];
      passwordErrors?: Invalid["fields"];
    } = {},
    status: 200 | 422 = 200,
  ) {
    const viewer = c.get("viewer");
    if (!viewer) throw new Error("settingsPage needs a viewer");
    const notice = notices[c.req.query("notice") as keyof typeof notices];
    return c.html(
      <SettingsPage
        ctx={pageContext(c, deps.config.instanceName)}
        sessions={await listSessions(deps, viewer)}
        privacy={await readPrivacy(deps, viewer)}
        timeZones={listTimeZones()}
        preferences={
          extra.preferences ?? { locale: viewer.locale ?? undefined, timeZone: viewer.timeZone ?? "" }
        }
        preferenceErrors={extra.preferenceErrors}
        passwordErrors={extra.passwordErrors}
        notice={notice ? c.get("t")(notice) : null}
      />,
      status,
    );
  }

  return new Hono<AppEnv>()
    .get("/settings", (c) => {
      const viewer = viewerOrRedirect(c);
      return viewer instanceof Response ? viewer : settingsPage(c);
    })
    .post("/settings/preferences", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const form = await readForm(c);
      return handleForm(
        () => updatePreferences(deps, viewer, { locale: form.locale, timeZone: form.timeZone ?? "" }),
        (preferenceErrors) => settingsPage(c, { preferences: form, preferenceErrors }, 422),
        () => c.redirect("/settings?notice=preferences", 303),
      );
    })
    .post("/settings/privacy", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const form = await readForm(c);
      await updatePrivacy(deps, viewer, {
        locked: form.locked === "on",
        discoverable: form.discoverable === "on",
      });
      return c.redirect("/settings?notice=privacy", 303);
    })
    .post("/settings/password", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const form = await readForm(c);
      return handleForm(
        () =>
          changePassword(deps, viewer, {
            currentPassword: form.currentPassword ?? "",
            newPassword: form.newPassword ?? "",
          }),
        (passwordErrors) => settingsPage(c, { passwordErrors }, 422),
        () => c.redirect("/settings?notice=password", 303),
      );
    })
    .post("/settings/sessions/revoke-others", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await revokeOtherSessions(deps, viewer);
      return c.redirect("/settings?notice=revoked", 303);
    })
    .post("/settings/sessions/:id/revoke", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await revokeSession(deps, viewer, c.req.param("id"));
      return c.redirect("/settings?notice=revoked", 303);
    })
    .get("/language", (c) => {
      const locale = c.req.query("locale");
      const next = safeNext(c.req.query("next"));
      if (c.get("viewer")) {
        // A member's language is their account's, which a link does not change: they confirm it with
        // the switch's form (a visitor's link on a page opened before signing in, an old link).
        if (!isLocale(locale) || locale === c.get("locale")) return c.redirect(next, 303);
        return c.html(
          <LanguagePage ctx={pageContext(c, deps.config.instanceName)} locale={locale} next={next} />,
        );
      }
      // A visitor's switch is a link: the choice is kept in a cookie.
      setAppCookie(
        c,
        deps.config,
        cookieNames(deps.config).lang,
        isLocale(locale) ? locale : "en",
        LANG_COOKIE_SECONDS,
      );
      return c.redirect(next, 303);
    })
    .post("/language", async (c) => {
      // The switch on every page: remembered in a cookie, and in the account when signed in.
      const form = await readForm(c);
      const locale = isLocale(form.locale) ? form.locale : "en";
      setAppCookie(c, deps.config, cookieNames(deps.config).lang, locale, LANG_COOKIE_SECONDS);
      const viewer = c.get("viewer");
      if (viewer) await updatePreferences(deps, viewer, { locale });
      return c.redirect(safeNext(form.next), 303);
    });
}
