import { timingSafeEqual } from "node:crypto";
import type { Config } from "../../config.ts";
import { Forbidden } from "../../domain/errors.ts";
import { newToken } from "../../services/security/tokens.ts";
import { cookieNames, setAppCookie } from "../cookies.ts";
import type { AppContext } from "../env.ts";
import { requestCookie, requestHeader } from "../request-headers.ts";

const CSRF_COOKIE_SECONDS = 365 * 24 * 3600;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
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
    let token: string | undefined;
    c.set("csrfToken", () => {
      token ??= requestCookie(c, csrf);
      if (!token) {
        token = newToken();
        setAppCookie(c, config, csrf, token, CSRF_COOKIE_SECONDS);
      }
      return token;
    });
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
