import type { MiddlewareHandler, Next } from "hono";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../../services/deps.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { limitBody } from "./body-limit.ts";
import { csrfStep } from "./csrf.ts";
import { languageStep } from "./i18n.ts";
import { sessionStep } from "./session.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Everything a request goes through before its route, in order and in one middleware (each extra
 * layer of async middleware costs a promise hop on every request): who is signing in, in which
 * language, and for a state-changing request, a capped body carrying our CSRF token.
 */
export function requestContext(deps: Deps) {
  const session = sessionStep(deps);
  const language = languageStep(deps.config);
  const csrf = csrfStep(deps.config);
  const afterSession = (c: AppContext, next: Next): ReturnType<MiddlewareHandler<AppEnv>> => {
    language(c);
    csrf.prepare(c);
    if (SAFE_METHODS.has(c.req.method)) return next();
    return limitBody(c, async () => {
      await csrf.verify(c);
      await next();
    });
  };
  // Not an async function: a request whose session is already known goes on without a promise hop.
  return createMiddleware<AppEnv>((c, next) => {
    const pending = session(c);
    return pending ? pending.then(() => afterSession(c, next)) : afterSession(c, next);
  });
}
