import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import { actOnNudge } from "../../services/nurture/act.ts";
import { readCircles } from "../../services/nurture/circles.ts";
import { readPrefs, savePrefs } from "../../services/nurture/prefs.ts";
import { buildReport, parsePeriod } from "../../services/nurture/report.ts";
import { todaysSuggestions } from "../../services/nurture/today.ts";
import { adjustTie } from "../../services/ties/adjust.ts";
import { addImportantDate, removeImportantDate } from "../../services/ties/dates.ts";
import { logInteraction } from "../../services/ties/log.ts";
import { readStory } from "../../services/ties/story.ts";
import { MovedToAccount, type TieRef } from "../../services/ties/target.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { handleForm, readForm, viewerOrRedirect } from "../http.ts";
import { pageContext } from "../page-context.ts";
import type { Errors, Values } from "../views/form.tsx";
import { NurturePage } from "../views/pages/nurture.tsx";
import { NurtureCirclesPage } from "../views/pages/nurture-circles.tsx";
import { NurtureReportPage } from "../views/pages/nurture-report.tsx";
import { NurtureSettingsPage } from "../views/pages/nurture-settings.tsx";
import { NurtureStoryPage, type StoryForms } from "../views/pages/nurture-story.tsx";

const notices = {
  logged: "nurture.notice.logged",
  adjusted: "nurture.notice.adjusted",
  dateAdded: "nurture.notice.dateAdded",
  dateRemoved: "nurture.notice.dateRemoved",
  snoozed: "nurture.notice.snoozed",
  dismissed: "nurture.notice.dismissed",
  saved: "nurture.notice.saved",
} as const;

const ACCOUNT = "/nurture/with/:at{@[A-Za-z0-9_]+}";
const CONTACT = "/nurture/with/contact/:id";

/** Today's suggestions, "our story" with each tie, the report, the circles: all private to the viewer. */
export function nurtureRoutes(deps: Deps) {
  const page = (c: AppContext) => pageContext(c, deps.config.instanceName);
  const notice = (c: AppContext) => {
    const key = notices[c.req.query("notice") as keyof typeof notices];
    return key ? c.get("t")(key) : null;
  };
  const refOf = (c: AppContext): TieRef =>
    c.req.param("at")
      ? { handle: (c.req.param("at") ?? "").slice(1) }
      : { contactId: c.req.param("id") ?? "" };

  async function story(c: AppContext, forms?: StoryForms, status: 200 | 422 = 200) {
    const viewer = viewerOrRedirect(c);
    if (viewer instanceof Response) return viewer;
    try {
      const s = await readStory(deps, viewer, refOf(c));
      return c.html(<NurtureStoryPage ctx={page(c)} story={s} notice={notice(c)} forms={forms} />, status);
    } catch (error) {
      if (error instanceof MovedToAccount) return c.redirect(`/nurture/with/@${error.handle}`, 303);
      throw error;
    }
  }

  /** A story form: the use case, then back to the story (or the story again with the form's errors). */
  function storyForm(
    form: keyof StoryForms,
    action: (
      viewer: Parameters<typeof logInteraction>[1],
      ref: TieRef,
      values: Values,
    ) => Promise<{ path: string }>,
    done: keyof typeof notices,
  ) {
    return async (c: AppContext) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const values = await readForm(c);
      return handleForm(
        () => action(viewer, refOf(c), values),
        (errors: Errors) => story(c, { [form]: { values, errors } }, 422),
        ({ path }) => c.redirect(`${path}?notice=${done}${form === "log" ? "#log" : ""}`, 303),
      );
    };
  }

  const app = new Hono<AppEnv>()
    .get("/nurture", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const suggestions = await todaysSuggestions(deps, viewer);
      return c.html(<NurturePage ctx={page(c)} suggestions={suggestions} notice={notice(c)} />);
    })
    .post("/nurture/nudges", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const form = await readForm(c);
      await actOnNudge(deps, viewer, form);
      return c.redirect(`/nurture?notice=${form.action === "dismiss" ? "dismissed" : "snoozed"}`, 303);
    })
    .get("/nurture/report", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const view = await buildReport(deps, viewer, parsePeriod(c.req.query("period")));
      return c.html(<NurtureReportPage ctx={page(c)} view={view} />);
    })
    .get("/nurture/circles", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      return c.html(<NurtureCirclesPage ctx={page(c)} circles={await readCircles(deps, viewer)} />);
    })
    .get("/nurture/settings", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const prefs = await readPrefs(deps, viewer);
      return c.html(<NurtureSettingsPage ctx={page(c)} prefs={prefs} notice={notice(c)} />);
    })
    .post("/nurture/settings", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await savePrefs(deps, viewer, await readForm(c));
      return c.redirect("/nurture/settings?notice=saved", 303);
    });
  for (const base of [CONTACT, ACCOUNT]) {
    app.get(base, (c) => story(c));
    app.post(
      `${base}/log`,
      storyForm("log", (v, ref, values) => logInteraction(deps, v, ref, values), "logged"),
    );
    app.post(
      `${base}/adjust`,
      storyForm("adjust", (v, ref, values) => adjustTie(deps, v, ref, values), "adjusted"),
    );
    app.post(
      `${base}/dates`,
      storyForm("date", (v, ref, values) => addImportantDate(deps, v, ref, values), "dateAdded"),
    );
    app.post(`${base}/dates/:dateId/delete`, async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const { path } = await removeImportantDate(deps, viewer, refOf(c), c.req.param("dateId") ?? "");
      return c.redirect(`${path}?notice=dateRemoved`, 303);
    });
  }
  return app;
}
