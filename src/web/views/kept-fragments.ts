import { randomUUID } from "node:crypto";
import { raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { PageContext } from "../page-context.ts";

/**
 * Pieces of pages kept once drawn, shared by every request that would draw them the same way: a
 * post card, a member's navigation, their answer to an event. Each is kept under a key (what varies
 * between those who see it) and checked against a fingerprint of everything else it shows, so a kept
 * piece whose data changed is drawn again: it is never stale. The CSRF token and the return path,
 * which differ per request, are drawn as markers, cut out and put back on each use.
 */
const MAX_ENTRIES = 8000;
/** Markers no text can forge: a random nonce of this process around each name. */
const NONCE = randomUUID();
const CSRF_MARK = `[${NONCE}:csrf]`;
const NEXT_MARK = `[${NONCE}:next]`;
const MARKS = new RegExp(`\\[${NONCE}:(csrf|next)\\]`);

interface Fragment {
  fingerprint: string;
  /** Even indexes: HTML; odd indexes: "csrf" or "next", where the request's value goes. */
  parts: string[];
}

const fragments = new Map<string, Fragment>();

/**
 * The context a piece is drawn with when it is kept: markers where the request's token goes, and
 * where its path goes unless the piece reads the path itself (`keepPath`: then it is part of the key).
 */
class MarkedContext implements PageContext {
  readonly csrf = CSRF_MARK;
  readonly path: string;
  readonly counts: PageContext["counts"];
  readonly t: PageContext["t"];
  readonly locale: PageContext["locale"];
  readonly fmt: PageContext["fmt"];
  readonly dates: string;
  readonly viewer: PageContext["viewer"];
  readonly instanceName: string;
  constructor(ctx: PageContext, keepPath: boolean) {
    this.path = keepPath ? ctx.path : NEXT_MARK;
    this.counts = ctx.counts;
    this.t = ctx.t;
    this.locale = ctx.locale;
    this.fmt = ctx.fmt;
    this.dates = ctx.dates;
    this.viewer = ctx.viewer;
    this.instanceName = ctx.instanceName;
  }
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeAttribute = (value: string) => value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

/** The kept parts with this request's values; the token is read (and its cookie set) only for a form. */
function assemble(parts: string[], ctx: PageContext, next: string): HtmlEscapedString {
  let html = parts[0] ?? "";
  let escapedNext: string | null = null;
  for (let i = 1; i < parts.length; i += 2) {
    if (parts[i] === "csrf") html += ctx.csrf;
    else html += escapedNext ??= escapeAttribute(next);
    html += parts[i + 1] ?? "";
  }
  return raw(html);
}

function keep(key: string, fingerprint: string, html: string): Fragment {
  const fragment = { fingerprint, parts: html.split(MARKS) };
  if (fragments.size >= MAX_ENTRIES) fragments.delete(fragments.keys().next().value as string);
  fragments.set(key, fragment);
  return fragment;
}

export interface Keep {
  key: string;
  fingerprint: string;
  /** Where forms in the piece come back to (default: the page's path). */
  next?: string | undefined;
  /** The piece reads the page's path itself (it must then be part of the key). */
  keepPath?: boolean;
}

type Drawn = { toString(): string | Promise<string> } | null;

/** The piece, kept or drawn now by `render` (which must draw synchronously). */
export function keptFragment(
  ctx: PageContext,
  keep_: Keep,
  render: (marked: PageContext) => Drawn,
): HtmlEscapedString {
  let fragment = fragments.get(keep_.key);
  if (!fragment || fragment.fingerprint !== keep_.fingerprint) {
    const html = render(new MarkedContext(ctx, keep_.keepPath === true))?.toString() ?? "";
    if (typeof html !== "string") throw new Error("a kept fragment must render synchronously");
    fragment = keep(keep_.key, keep_.fingerprint, html);
  }
  return assemble(fragment.parts, ctx, keep_.next ?? ctx.path);
}

/** The same, for a piece that draws asynchronously (it awaits something while drawing). */
export async function keptFragmentAsync(
  ctx: PageContext,
  keep_: Keep,
  render: (marked: PageContext) => Drawn | Promise<Drawn>,
): Promise<HtmlEscapedString> {
  let fragment = fragments.get(keep_.key);
  if (!fragment || fragment.fingerprint !== keep_.fingerprint) {
    const drawn = await render(new MarkedContext(ctx, keep_.keepPath === true));
    fragment = keep(keep_.key, keep_.fingerprint, drawn ? String(await drawn.toString()) : "");
  }
  return assemble(fragment.parts, ctx, keep_.next ?? ctx.path);
}
