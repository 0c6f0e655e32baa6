import type { Context, Handler, Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { limitBody } from "./body-limit.ts";
import { csrfStep } from "./csrf.ts";
import { languageStep } from "./i18n.ts";
import { sessionStep } from "./session.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type Respond = () => Response | Promise<Response | undefined>;

/**
 * Everything a request goes through before its route, in order: who is signing in, in which language,
 * and for a state-changing request, a capped body carrying our CSRF token.
 *
 * Not a middleware: Hono answers a route with a single handler without composing a chain, and a
 * middleware in front of every route would give every route two (a promise hop and a closure per
 * request, most of what a trivial route costs). So the steps are folded into each route's handler
 * (`mountWithContext`), and into the not-found handler; they run once per request whichever handler
 * of a route's chain comes first.
 */
export function requestContext(deps: Deps) {
  const session = sessionStep(deps);
  const language = languageStep(deps.config);
  const csrf = csrfStep(deps.config);
  const afterSession = (c: AppContext, respond: Respond) => {
    language(c);
    csrf.prepare(c);
    if (SAFE_METHODS.has(c.req.method)) return respond();
    return limitBody(c, async () => {
      await csrf.verify(c);
      const response = await respond();
      if (response) c.res = response;
    }).then(() => c.res);
  };
  /** Runs `respond` once the request's context is set (at once when it was, or needs no query). */
  const withContext = (c: AppContext, respond: Respond) => {
    if (c.get("t")) return respond();
    const pending = session(c);
    return pending ? pending.then(() => afterSession(c, respond)) : afterSession(c, respond);
  };
  return {
    withContext,
    /** Adds every route of `routes` to `app`, each handler preceded by the request context. */
    mount(app: Hono<AppEnv>, routes: Hono<AppEnv>): void {
      for (const route of routes.routes) {
        const handler = route.handler as Handler<AppEnv>;
        const withRequestContext: Handler<AppEnv> = (c: Context<AppEnv>, next) =>
          withContext(c, () => handler(c, next) as ReturnType<Respond>) as Promise<Response>;
        app.on(route.method, [route.path], withRequestContext);
      }
    },
  };
}
