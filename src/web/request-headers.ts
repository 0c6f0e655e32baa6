import type { IncomingMessage } from "node:http";
import type { Context } from "hono";

/**
 * Request headers read straight from Node's parsed message when the app runs under
 * @hono/node-server: going through `c.req.header()` makes it build a full Fetch `Headers` object,
 * which on a trivial route costs more than the route itself. Elsewhere (tests, other runtimes) the
 * standard path is used.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * The path and query of the request as it was sent ("/messages?before=…"): read from Node's message
 * when there is one (no URL to build and parse), else from the request's URL.
 */
export function requestPath(c: Context): string {
  const sent = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.url;
  if (sent?.startsWith("/")) return sent;
  const url = new URL(c.req.url);
  return url.pathname + url.search;
}

/** One cookie's value, found in the header without splitting it (no other cookie is parsed). */
export function requestCookie(c: Context, name: string): string | undefined {
  const header = requestHeader(c, "cookie");
  if (!header) return undefined;
  for (let at = header.indexOf(name); at >= 0; at = header.indexOf(name, at + name.length)) {
    const end = at + name.length;
    const before = at === 0 ? ";" : header[at - 1];
    if ((before !== ";" && before !== " ") || header[end] !== "=") continue;
    const stop = header.indexOf(";", end);
    const value = header.slice(end + 1, stop < 0 ? header.length : stop).trim();
    if (!value.includes("%")) return value;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}
