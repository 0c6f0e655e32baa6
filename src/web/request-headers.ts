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

/** One cookie's value, without parsing the others. */
export function requestCookie(c: Context, name: string): string | undefined {
  const header = requestHeader(c, "cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}
