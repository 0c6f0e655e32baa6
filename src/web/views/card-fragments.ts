import type { HtmlEscapedString } from "hono/utils/html";
import type { PostCard } from "../../services/posts/cards.ts";
import type { PageContext } from "../page-context.ts";
import { keptFragment } from "./kept-fragments.ts";

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
  return `${card.astJson}\u0003${card.body}\u0003${card.editedAt}|${card.visibility}|${card.commentsClosed}|${card.boostable}|${card.replyCount}|${card.reactionCount}|${card.boostCount}|${reactions}|${author.handle}|${author.displayName}|${author.avatarKey}|${card.url}\u0003${media}\u0003${pollPart}`;
}

/**
 * The card's HTML, kept (kept-fragments.ts) and shared by every viewer who sees the same card the same
 * way, else drawn by `render` (given a context whose CSRF token and path are markers) and kept.
 * Drawing a card through JSX costs far more than the queries that load it (a page of 20 cards spent
 * most of its time there). The key is what varies between viewers (language and way of writing dates, time zone, the viewer's
 * own reaction, boost, bookmark and votes); the fingerprint, everything else the card shows (its text
 * as drawn, author, counts, media, poll).
 */
export function cachedCard(
  ctx: PageContext,
  card: PostCard,
  variant: string,
  next: string | undefined,
  render: (marked: PageContext) => { toString(): string | Promise<string> },
): HtmlEscapedString {
  const key = `card|${card.id}|${ctx.locale}|${ctx.dates}|${variant}|${viewerKey(ctx, card)}`;
  return keptFragment(ctx, { key, fingerprint: fingerprintOf(card), next }, render);
}
