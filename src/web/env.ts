import type { Context } from "hono";
import type { Formatters, Locale, Translate } from "../i18n/index.ts";
import type { Deps, Viewer } from "../services/deps.ts";

/** Typed context variables set by the middleware stack. */
export interface AppEnv {
  Variables: {
    viewer: Viewer | null;
    locale: Locale;
    t: Translate;
    fmt: Formatters;
    /** The CSRF token for forms; creates the cookie on first use. */
    csrfToken: () => string;
  };
}

export type AppContext = Context<AppEnv>;

export type { Deps };
