import type { Config } from "../config.ts";
import { Invalid } from "../domain/errors.ts";
import type { Viewer } from "../services/deps.ts";
import type { AppContext } from "./env.ts";
import { requestPath } from "./request-headers.ts";

/** The text fields of a posted form (files and the CSRF token left out). */
export async function readForm(c: AppContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const form: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "string" && name !== "_csrf") form[name] = value;
  }
  return form;
}

/** A local path to go back to after a form, never another site ("//evil" or "https://…"). */
export function safeNext(next: string | undefined, fallback = "/"): string {
  // Read as a browser reads a Location (which drops tabs and newlines, and takes "\\" for "/"):
  // anything that would leave this site, or that is not a plain path, goes to the fallback.
  if (!next?.startsWith("/")) return fallback;
  const url = new URL(next, LOCAL_ORIGIN);
  if (url.origin !== LOCAL_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
const LOCAL_ORIGIN = "http://liens.invalid";

/** The signed-in viewer, or a redirect to sign in that comes back here afterwards. */
export function viewerOrRedirect(c: AppContext): Viewer | Response {
  const viewer = c.get("viewer");
  if (viewer) return viewer;
  const next = c.req.method === "GET" ? requestPath(c) : "/";
  return c.redirect(`/signin?next=${encodeURIComponent(next)}`, 303);
}

export function clientInfo(c: AppContext, config: Config): { ip: string; userAgent: string } {
  const forwarded = config.trustProxy ? c.req.header("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return {
    ip: forwarded || incoming?.socket?.remoteAddress || "local",
    userAgent: c.req.header("user-agent") ?? "",
  };
}

/** Runs a form's use case; a user mistake (Invalid) goes to `onInvalid` to re-render the form. */
export async function handleForm<T>(
  action: () => Promise<T>,
  onInvalid: (errors: Invalid["fields"]) => Response | Promise<Response>,
  onDone: (result: T) => Response | Promise<Response>,
): Promise<Response> {
  let result: T;
  try {
    result = await action();
  } catch (error) {
    if (error instanceof Invalid) return onInvalid(error.fields);
    throw error;
  }
  return onDone(result);
}
