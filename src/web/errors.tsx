import { getLogger } from "@logtape/logtape";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { DomainError, Invalid, TooManyRequests } from "../domain/errors.ts";
import type { AppEnv } from "./env.ts";
import { pageContext } from "./page-context.ts";
import { ErrorPage } from "./views/pages/error.tsx";

const log = getLogger(["liens", "web"]);

function wantsJson(c: Context<AppEnv>): boolean {
  return (
    (c.req.header("accept") ?? "").includes("application/json") &&
    !(c.req.header("accept") ?? "").includes("text/html")
  );
}

/**
 * One place where failures become responses: a domain error becomes its status and its message in the
 * user's language; anything else is logged with its detail and answered with a plain 500 page.
 */
export function errorHandlers(instanceName: string) {
  function respond(
    c: Context<AppEnv>,
    status: number,
    messageKey: string,
    params?: Record<string, string | number>,
  ) {
    const ctx = pageContext(c, instanceName);
    const message = ctx.t(messageKey, params);
    if (wantsJson(c))
      return c.json({ error: message }, status as 400, { "X-Content-Type-Options": "nosniff" });
    return c.html(<ErrorPage ctx={ctx} status={status} message={message} />, status as 400);
  }

  return {
    onError(error: Error, c: Context<AppEnv>) {
      if (error instanceof DomainError) {
        if (error instanceof TooManyRequests) c.header("Retry-After", String(error.retryAfterSeconds));
        const field = error instanceof Invalid ? Object.values(error.fields)[0] : undefined;
        return respond(c, error.status, field?.key ?? error.messageKey, field?.params ?? error.params);
      }
      if (error instanceof HTTPException && error.status < 500) {
        return respond(c, error.status, error.status === 413 ? "error.tooLarge" : "error.invalid");
      }
      log.error("Unhandled error on {method} {path}: {error}", {
        method: c.req.method,
        path: c.req.path,
        error,
      });
      return respond(c, 500, "error.server");
    },
    notFound(c: Context<AppEnv>) {
      return respond(c, 404, "error.notFound");
    },
  };
}
