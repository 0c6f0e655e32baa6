import { timingSafeEqual } from "node:crypto";
import type { Config } from "../../config.ts";
import { Forbidden } from "../../domain/errors.ts";
import { newToken } from "../../services/security/tokens.ts";
import { appCookie, cookieNames } from "../cookies.ts";
import type { AppContext } from "../env.ts";
import { requestCookie, requestHeader } from "../request-headers.ts";

const CSRF_COOKIE_SECONDS = 365 * 24 * 3600;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The visitor's CSRF token: the one their cookie holds, else a new one (made only when a page with a
 * form asks), whose cookie goes with the response.
 */
export class CsrfToken {
  #value: string | undefined;
  /** The Set-Cookie value for a new token, until a response takes it. */
  #cookie: string | null = null;

  constructor(
    private readonly c: AppContext,
    private readonly config: Config,
    private readonly cookieName: string,
  ) {}

  #take(): string {
    if (this.#value === undefined) {
      this.#value = requestCookie(this.c, this.cookieName);
      if (!this.#value) {
        this.#value = newToken();
        this.#cookie = appCookie(this.config, this.cookieName, this.#value, CSRF_COOKIE_SECONDS);
      }
    }
    return this.#value;
  }

  /** The token; a new one's cookie is set on the response the context builds. */
  value(): string {
    const { token, cookie } = this.withCookie();
    if (cookie) this.c.header("Set-Cookie", cookie, { append: true });
    return token;
  }

  /** The token, and the cookie to send when it is new: for a response whose headers are written by hand. */
  withCookie(): { token: string; cookie: string | null } {
    const token = this.#take();
    const cookie = this.#cookie;
    this.#cookie = null;
    return { token, cookie };
  }
}

/**
 * Every state-changing request must come from our own pages: the Origin header (when the browser sends
 * one) must be ours, and the form's `_csrf` field (or the `X-CSRF-Token` header, for htmx) must equal
 * the HttpOnly cookie set with the form (double submit). A cross-site page can do neither.
 */
export function csrfStep(config: Config) {
  const { csrf } = cookieNames(config);
  const ownOrigin = new URL(config.publicUrl).origin;
  /** Offers the token to pages; the cookie is set only when a page renders a form. */
  function prepare(c: AppContext): void {
    c.set("csrf", new CsrfToken(c, config, csrf));
  }
  /** Throws Forbidden unless a state-changing request carries our token and no foreign origin. */
  async function verify(c: AppContext): Promise<void> {
    const cookie = requestCookie(c, csrf);
    const origin = requestHeader(c, "origin");
    const requestOrigin = new URL(c.req.url).origin;
    if (origin && origin !== ownOrigin && origin !== requestOrigin) throw new Forbidden("error.csrf");
    let sent = requestHeader(c, "x-csrf-token");
    if (!sent) {
      const type = requestHeader(c, "content-type") ?? "";
      if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
        const body = await c.req.parseBody();
        sent = typeof body._csrf === "string" ? body._csrf : undefined;
      }
    }
    if (!cookie || !sent || !sameToken(cookie, sent)) throw new Forbidden("error.csrf");
  }
  return { prepare, verify };
}
