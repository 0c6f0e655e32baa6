import { randomUUID } from "node:crypto";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { HtmlEscapedString } from "hono/utils/html";
import type { AppContext } from "./env.ts";
import { DOCUMENT_HEADERS } from "./middleware/security-headers.ts";
import { bareContext, type PageContext, type RequestPageContext } from "./page-context.ts";
import { requestPath } from "./request-headers.ts";
import { KeptNavigation } from "./views/layout.tsx";

/**
 * Rendered pages, kept and answered again without drawing them:
 * - for signed-out visitors, whole pages (the sign-in form, a public profile, a public event), drawn
 *   at most every few seconds;
 * - for a member, their own pages (home, conversations, a profile or an event as they see it), kept
 *   under a version that moves with everything the page shows (migration 0018_versions), with a hole
 *   — a slot — for their navigation (its badges move on their own), and drawn again every few
 *   seconds for what no version follows (someone else's new name, say).
 * Rendering is most of such a request's cost. The CSRF token differs per visitor: pages are drawn with
 * a marker where it goes, and each response puts the visitor's own token in its place (read, and its
 * cookie set, only for a page that has a form).
 */
const TTL_MS = 10_000;
const MAX_ENTRIES = 2000;
/** Members' own pages (a conversation list) weigh tens of kilobytes each: the cache stays under this. */
const MAX_BYTES = 32 * 2 ** 20;
/** Markers no text can forge: a random nonce of this process around each name. */
const NONCE = randomUUID();
const TOKEN_MARK = `[${NONCE}:csrf]`;
const MARKS = new RegExp(`\\[${NONCE}:(csrf|slot:nav)\\]`);
/** Separates the path in a key, so that a changed page can be forgotten by its path. */
const PATH_MARK = "\u0001";

interface Entry {
  /** Even indexes: the page's UTF-8 bytes (encoded once, not per request); odd: what goes between. */
  parts: (Buffer | string)[];
  renderedAt: number;
  bytes: number;
  /** Headers that go with it (a JSON page's links). */
  headers?: Record<string, string>;
  /**
   * The last response assembled from it, and what filled its holes: a member asking again, with the
   * same token and badges, gets the same bytes (no new buffer of the page's size per request).
   */
  assembled?: { fills: string; body: Buffer };
}

const entries = new Map<string, Entry>();
let keptBytes = 0;

/** Where a member's own part goes in a kept page (their navigation), filled on each request. */
function slot(name: string): HtmlEscapedString {
  return raw(`[${NONCE}:slot:${name}]`);
}

function fresh(key: string, now: number): Entry | null {
  const entry = entries.get(key);
  return entry && now - entry.renderedAt <= TTL_MS ? entry : null;
}

/** Pages being drawn: requests that want one meanwhile wait for the same drawing (one per key). */
const drawing = new Map<string, Promise<Entry>>();

/**
 * The kept entry if fresh; else the one being drawn; else a new drawing. Past its time (but not
 * twice past it), a kept entry still answers while it is drawn again, so that a busy page's
 * requests never all wait for it at once; a page that can no longer be drawn (gone, forbidden) is
 * dropped, and the next request meets the error itself.
 */
function entryFor(key: string, make: () => Promise<Entry>): Entry | Promise<Entry> {
  const entry = entries.get(key);
  const age = entry ? Date.now() - entry.renderedAt : Number.POSITIVE_INFINITY;
  if (entry && age <= TTL_MS) return entry;
  let pending = drawing.get(key);
  if (!pending) {
    pending = make().finally(() => drawing.delete(key));
    drawing.set(key, pending);
    pending.catch(() => forget(key));
  }
  return entry && age <= 2 * TTL_MS ? entry : pending;
}

function forget(key: string): void {
  keptBytes -= entries.get(key)?.bytes ?? 0;
  entries.delete(key);
}

async function draw(
  key: string,
  ctx: PageContext,
  render: (ctx: PageContext) => Child | Promise<Child>,
): Promise<Entry> {
  const marked: PageContext = { ...ctx, csrf: TOKEN_MARK };
  const node = (await render(marked)) as { toString(): string | Promise<string> };
  const html = String(await node.toString());
  return keep(
    key,
    html.split(MARKS).map((part, i) => (i % 2 === 0 ? Buffer.from(part) : part)),
  );
}

function keep(key: string, parts: (Buffer | string)[], headers?: Record<string, string>): Entry {
  // Counted twice: the parts, and the last response assembled from them.
  const bytes = 2 * parts.reduce((n, part) => n + part.length, 0);
  const entry: Entry = { parts, renderedAt: Date.now(), bytes };
  if (headers) entry.headers = headers;
  if (entries.size >= MAX_ENTRIES || keptBytes + entry.bytes > MAX_BYTES) {
    entries.clear();
    keptBytes = 0;
  }
  keptBytes += entry.bytes - (entries.get(key)?.bytes ?? 0);
  entries.set(key, entry);
  return entry;
}

/**
 * The page for this request: its holes filled (the visitor's token, the member's navigation), with
 * headers written as a plain record (Hono would build a Fetch `Headers` for them, which costs a kept
 * page more than filling it).
 */
async function respond(ctx: RequestPageContext, entry: Entry): Promise<Response> {
  const { parts } = entry;
  const headers: Record<string, string> = { ...DOCUMENT_HEADERS, "Content-Type": "text/html; charset=UTF-8" };
  // Every hole holds a form (the navigation: the sign-out button); the token is taken first, so that
  // a new one's cookie goes with these headers whichever hole asks for it.
  const { token, cookie } = parts.length > 1 ? ctx.csrfWithCookie() : { token: "", cookie: null };
  if (cookie) headers["Set-Cookie"] = cookie;
  const fills: string[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    if (parts[i] === "csrf") fills.push(token);
    else {
      // The one slot: the member's navigation.
      const node = (await KeptNavigation({ ctx })) as { toString(): string | Promise<string> };
      fills.push(await node.toString());
    }
  }
  const signature = fills.join("\u0000");
  let body = entry.assembled?.fills === signature ? entry.assembled.body : null;
  if (!body) {
    const pieces = parts.map((part, i) =>
      i % 2 === 0 ? (part as Buffer) : Buffer.from(fills[(i - 1) / 2] ?? ""),
    );
    body = pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces);
    entry.assembled = { fills: signature, body };
  }
  return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers });
}

/** A visitor's page differs by language and by how dates are written (`dates` names both). */
const anonymousKey = (c: AppContext) => `${c.get("dates") ?? c.get("locale")}${PATH_MARK}${requestPath(c)}`;

/**
 * The cached page for this URL, if one is fresh: a route may answer with it before doing any work
 * (a public profile skips its lookup). Only for signed-out visitors.
 */
export function cachedAnonymousPage(c: AppContext, instanceName: string): Promise<Response> | null {
  const entry = fresh(anonymousKey(c), Date.now());
  return entry ? respond(bareContext(c, instanceName), entry) : null;
}

/** Answers from the cache, or renders and keeps the page. Only for signed-out visitors. */
export async function anonymousPage(
  c: AppContext,
  instanceName: string,
  render: (ctx: PageContext) => Child,
): Promise<Response> {
  const key = anonymousKey(c);
  const ctx = bareContext(c, instanceName);
  const entry = await entryFor(key, () => draw(key, ctx, render));
  return respond(ctx, entry);
}

/**
 * A member's own page, kept under `version` — which names them and moves with everything the page
 * shows — and per language (and way of writing dates) and time zone; their navigation is drawn on each request. Drawn (by
 * `render`, which checks that they may see it) when the version moved, or every few seconds.
 */
export async function memberPage(
  c: AppContext,
  instanceName: string,
  version: string,
  render: (ctx: PageContext) => Child | Promise<Child>,
): Promise<Response> {
  const ctx = bareContext(c, instanceName);
  const key = `m${PATH_MARK}${c.get("dates") ?? ctx.locale}|${ctx.viewer?.timeZone}|${version}${PATH_MARK}${requestPath(c)}`;
  const entry = await entryFor(key, () =>
    draw(key, { ...(ctx as PageContext), navigation: slot("nav") }, render),
  );
  return respond(ctx, entry);
}

/**
 * A member's own JSON (their timeline through the API), kept for them under `version` as their own
 * pages are, with its headers: `produce` runs only when it moved, or every few seconds. Never stored
 * by a browser or a proxy (`private, no-store`).
 */
export async function memberJson(
  c: AppContext,
  version: string,
  produce: () => Promise<{ body: unknown; headers: Record<string, string> }>,
) {
  const key = `j${PATH_MARK}${version}${PATH_MARK}${requestPath(c)}`;
  const entry = await entryFor(key, async () => {
    const { body, headers } = await produce();
    return keep(key, [Buffer.from(JSON.stringify(body))], headers);
  });
  return new Response(entry.parts[0] as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      ...entry.headers,
      "Content-Type": "application/json; charset=UTF-8",
      "Cache-Control": "private, no-store",
    },
  });
}

/** Forgets the cached pages of a path and below it (a profile that changed), in this process at once. */
export function forgetPages(pathname: string): void {
  for (const key of entries.keys()) {
    const path = key.slice(key.lastIndexOf(PATH_MARK) + 1);
    if (path === pathname || path.startsWith(`${pathname}?`) || path.startsWith(`${pathname}/`)) forget(key);
  }
}
