import { randomUUID } from "node:crypto";
import { raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { PostCard } from "../../services/posts/cards.ts";
import type { PageContext } from "../page-context.ts";

/**
 * Rendered post cards, shared by every viewer who sees the same card the same way. Drawing a card
 * through JSX costs far more than the queries that load it (a page of 20 cards spent most of its time
 * there), so the HTML is kept, keyed by what varies between viewers (language, time zone, the viewer's
 * own reaction, boost, bookmark and votes), and checked against a fingerprint of everything else the
 * card shows (text, author, counts, media, poll): a card whose data changed is drawn again, so a cached
 * card is never stale. The CSRF token and the `next` path, which differ per request, are cut out and
 * put back on each use.
 */
const MAX_ENTRIES = 4000;
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

/** The context a card is drawn with when it is kept: markers where the request's own values go. */
class MarkedContext implements PageContext {
  readonly csrf = CSRF_MARK;
  readonly path = NEXT_MARK;
  readonly counts = null;
  readonly t: PageContext["t"];
  readonly locale: PageContext["locale"];
  readonly fmt: PageContext["fmt"];
  readonly viewer: PageContext["viewer"];
  readonly instanceName: string;
  constructor(ctx: PageContext) {
    this.t = ctx.t;
    this.locale = ctx.locale;
    this.fmt = ctx.fmt;
    this.viewer = ctx.viewer;
    this.instanceName = ctx.instanceName;
  }
}

/** What differs between two viewers of one card: who is looking, and what they did to it. */
function viewerKey(ctx: PageContext, card: PostCard): string {
  const viewer = ctx.viewer;
  if (!viewer) return "-";
  const chosen = card.poll?.options.flatMap((o) => (o.chosen ? [o.id] : [])).join(",") ?? "";
  return `${viewer.timeZone}|${card.viewerReaction ?? ""}|${card.viewerBoosted ? 1 : 0}${card.viewerBookmarked ? 1 : 0}${card.own ? 1 : 0}|${chosen}`;
}

/** Everything else the card shows; a different fingerprint means the card must be drawn again. */
function fingerprintOf(card: PostCard): string {
  const { author, poll } = card;
  const reactions = card.reactions.map((r) => `${r.key}${r.count}`).join(",");
  const media = card.media
    .map((m) => `${m.id}${m.thumbWidth}x${m.thumbHeight}${m.alt}\u0001${m.credit}`)
    .join("\u0002");
  const pollPart = poll
    ? `${poll.ended}${poll.voterCount}${poll.endsAt}${poll.multiple}${poll.options.map((o) => `${o.id}${o.label}\u0001${o.votes}`).join("\u0002")}`
    : "";
  return `${card.body}\u0003${card.editedAt}|${card.visibility}|${card.commentsClosed}|${card.boostable}|${card.replyCount}|${card.reactionCount}|${card.boostCount}|${reactions}|${author.handle}|${author.displayName}|${author.avatarKey}|${card.url}\u0003${media}\u0003${pollPart}`;
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
function assemble(parts: string[], ctx: PageContext, next: string): string {
  let html = parts[0] ?? "";
  let escapedNext: string | null = null;
  for (let i = 1; i < parts.length; i += 2) {
    if (parts[i] === "csrf") html += ctx.csrf;
    else html += escapedNext ??= escapeAttribute(next);
    html += parts[i + 1] ?? "";
  }
  return html;
}

/**
 * The card's HTML, from the shared cache when the same card was drawn for the same kind of viewer,
 * else drawn by `render` (given a context whose CSRF token and path are markers) and kept.
 */
export function cachedCard(
  ctx: PageContext,
  card: PostCard,
  variant: string,
  next: string | undefined,
  render: (marked: PageContext) => { toString(): string | Promise<string> },
): HtmlEscapedString {
  const key = `${card.id}|${ctx.locale}|${variant}|${viewerKey(ctx, card)}`;
  const fingerprint = fingerprintOf(card);
  let fragment = fragments.get(key);
  if (!fragment || fragment.fingerprint !== fingerprint) {
    const html = render(new MarkedContext(ctx)).toString();
    if (typeof html !== "string") throw new Error("a post card must render synchronously");
    fragment = { fingerprint, parts: html.split(MARKS) };
    if (fragments.size >= MAX_ENTRIES) fragments.delete(fragments.keys().next().value as string);
    fragments.set(key, fragment);
  }
  return raw(assemble(fragment.parts, ctx, next ?? ctx.path));
}
