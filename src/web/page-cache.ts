import type { Child } from "hono/jsx";
import type { AppContext } from "./env.ts";
import { type PageContext, pageContext } from "./page-context.ts";

/**
 * Rendered HTML of pages that look the same to every visitor (signed out, same language, same URL):
 * the sign-in form, a public profile. Rendering is most of such a request's cost, so it is done once
 * every few seconds. The CSRF token differs per visitor: pages are rendered with a marker where the
 * token goes, and each response puts the visitor's own token in its place.
 */
const TTL_MS = 10_000;
const MAX_ENTRIES = 2000;
const TOKEN_MARK = "\u0000csrf\u0000";

interface Entry {
  /** The page's UTF-8 bytes, cut where the visitor's token goes (encoded once, not per request). */
  parts: Buffer[];
  renderedAt: number;
}

const entries = new Map<string, Entry>();

function joinWith(parts: Buffer[], separator: Buffer): Buffer {
  const pieces: Buffer[] = [];
  parts.forEach((part, index) => {
    if (index > 0) pieces.push(separator);
    pieces.push(part);
  });
  return Buffer.concat(pieces);
}

function keyOf(c: AppContext): string {
  const url = new URL(c.req.url);
  return `${c.get("locale")}|${url.pathname}${url.search}`;
}

function fresh(key: string, now: number): Entry | null {
  const entry = entries.get(key);
  return entry && now - entry.renderedAt <= TTL_MS ? entry : null;
}

function respond(c: AppContext, instanceName: string, entry: Entry): Response {
  const ctx = pageContext(c, instanceName);
  // Only a page with a form needs (and sets) the visitor's token.
  const { parts } = entry;
  const body = parts.length > 1 ? joinWith(parts, Buffer.from(ctx.csrf)) : (parts[0] ?? Buffer.alloc(0));
  return c.body(body as Uint8Array<ArrayBuffer>, 200, { "Content-Type": "text/html; charset=UTF-8" });
}

/**
 * The cached page for this URL, if one is fresh: a route may answer with it before doing any work
 * (a public profile skips its lookup). Only for signed-out visitors.
 */
export function cachedAnonymousPage(c: AppContext, instanceName: string): Response | null {
  const entry = fresh(keyOf(c), Date.now());
  return entry ? respond(c, instanceName, entry) : null;
}

/** Answers from the cache, or renders and keeps the page. Only for signed-out visitors. */
export async function anonymousPage(
  c: AppContext,
  instanceName: string,
  render: (ctx: PageContext) => Child,
): Promise<Response> {
  const key = keyOf(c);
  const now = Date.now();
  let entry = fresh(key, now);
  if (!entry) {
    const marked: PageContext = { ...pageContext(c, instanceName), csrf: TOKEN_MARK };
    const html = String(await (render(marked) as { toString(): string | Promise<string> }).toString());
    entry = { parts: html.split(TOKEN_MARK).map((part) => Buffer.from(part)), renderedAt: now };
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(key, entry);
  }
  return respond(c, instanceName, entry);
}

/** Forgets the cached pages under a path (a profile that changed), in this process at once. */
export function forgetPages(pathname: string): void {
  for (const key of entries.keys()) {
    const path = key.slice(key.indexOf("|") + 1);
    if (path === pathname || path.startsWith(`${pathname}?`)) entries.delete(key);
  }
}
