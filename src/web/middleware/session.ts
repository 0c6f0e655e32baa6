import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../../services/deps.ts";
import { resolveSession } from "../../services/sessions/resolve.ts";
import { cookieNames } from "../cookies.ts";
import type { AppEnv } from "../env.ts";

/** Sets `viewer` from the session cookie; no cookie costs no query. */
export function sessionMiddleware(deps: Deps) {
  const { session } = cookieNames(deps.config);
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, session);
    c.set("viewer", token ? await resolveSession(deps, token) : null);
    await next();
  });
}
