import type { Child } from "hono/jsx";
import {
  type Formatters,
  formatters,
  type Locale,
  negotiateLocale,
  type Translate,
  translator,
} from "../i18n/index.ts";
import type { Viewer } from "../services/deps.ts";
import type { AppContext, NavCounts } from "./env.ts";
import { setDocumentHeaders } from "./middleware/security-headers.ts";
import { requestHeader, requestPath } from "./request-headers.ts";

/** What every page needs to render: language, viewer, CSRF token, the current path. */
export interface PageContext {
  t: Translate;
  locale: Locale;
  fmt: Formatters;
  viewer: Viewer | null;
  /** How dates are written: the language, or the language in the browser's region (`dateLocale`). */
  dates: string;
  /** The CSRF token; reading it the first time sets the cookie (only pages with a form do). */
  readonly csrf: string;
  /** Started when the page is built, awaited where the navigation shows the badges. */
  counts: Promise<NavCounts> | null;
  path: string;
  instanceName: string;
  /** Drawn instead of the navigation (a slot, in a body shared by several members). */
  navigation?: Child;
}

/**
 * The page's context, and its document's security headers (every HTML page is built through here). An error page can be drawn before the middleware ran (a 404 for a media file,
 * a body over its limit): then the language comes from Accept-Language and no one is signed in.
 */
export function pageContext(c: AppContext, instanceName: string): PageContext {
  setDocumentHeaders(c);
  return new RequestPageContext(c, instanceName);
}

/** The same context, for a response that writes its headers itself (`DOCUMENT_HEADERS` among them). */
export function bareContext(c: AppContext, instanceName: string): RequestPageContext {
  return new RequestPageContext(c, instanceName);
}

/**
 * A class, not an object literal: a getter written in a literal is a new closure per request, which
 * gives every page context its own hidden class, and those maps (old-generation objects) kept each
 * request's whole context alive through young-generation collections — a 30 ms scavenge under load.
 */
export class RequestPageContext implements PageContext {
  readonly t: Translate;
  readonly locale: Locale;
  readonly fmt: Formatters;
  readonly dates: string;
  readonly viewer: Viewer | null;
  readonly counts: Promise<NavCounts> | null;
  readonly path: string;
  readonly #c: AppContext;

  constructor(
    c: AppContext,
    readonly instanceName: string,
  ) {
    const locale = c.get("locale") ?? negotiateLocale(requestHeader(c, "accept-language")) ?? "en";
    this.#c = c;
    this.t = c.get("t") ?? translator(locale);
    this.locale = locale;
    this.dates = c.get("dates") ?? locale;
    this.fmt = c.get("fmt") ?? formatters(this.dates, "UTC");
    this.viewer = c.get("viewer") ?? null;
    this.counts = this.viewer ? startCounts(c) : null;
    this.path = requestPath(c);
  }

  get csrf(): string {
    return this.#c.get("csrf")?.value() ?? "";
  }

  /** The token, and its cookie when it is new, for a response that writes its headers itself. */
  csrfWithCookie(): { token: string; cookie: string | null } {
    return this.#c.get("csrf")?.withCookie() ?? { token: "", cookie: null };
  }
}

/** Starts the badge counts; a page that never shows them (it failed first) must not leave a rejection unobserved. */
function startCounts(c: AppContext): Promise<NavCounts> | null {
  const counts = c.get("navCounts")?.() ?? null;
  counts?.catch(() => undefined);
  return counts;
}
