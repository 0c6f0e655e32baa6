import type { Formatters, Locale, Translate } from "../i18n/index.ts";
import type { Viewer } from "../services/deps.ts";
import type { AppContext } from "./env.ts";

/** What every page needs to render: language, viewer, CSRF token, the current path. */
export interface PageContext {
  t: Translate;
  locale: Locale;
  fmt: Formatters;
  viewer: Viewer | null;
  csrf: string;
  path: string;
  instanceName: string;
}

export function pageContext(c: AppContext, instanceName: string): PageContext {
  const url = new URL(c.req.url);
  return {
    t: c.get("t"),
    locale: c.get("locale"),
    fmt: c.get("fmt"),
    viewer: c.get("viewer"),
    csrf: c.get("csrfToken")(),
    path: url.pathname + url.search,
    instanceName,
  };
}
