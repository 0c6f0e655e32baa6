import type { Context } from "hono";
import type { Formatters, Locale, Translate } from "../i18n/index.ts";
import type { Deps, Viewer } from "../services/deps.ts";
import type { CsrfToken } from "./middleware/csrf.ts";

/** Typed context variables set by the middleware stack. */
export interface AppEnv {
  Variables: {
    viewer: Viewer | null;
    locale: Locale;
    t: Translate;
    /** How dates are written: the language, or the language in the browser's region (`dateLocale`). */
    dates: string;
    fmt: Formatters;
    /** The CSRF token for forms; creates the cookie on first use. */
    csrf: CsrfToken;
    /** Unread counts for the navigation badges, loaded only when a page shows them. */
    navCounts: (() => Promise<NavCounts>) | null;
  };
}

export type AppContext = Context<AppEnv>;

export interface NavCounts {
  notifications: number;
  messages: number;
}

export type { Deps };
