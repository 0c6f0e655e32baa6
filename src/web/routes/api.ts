import { Hono } from "hono";
import type { Config } from "../../config.ts";
import { normalizeTag } from "../../domain/posts/text.ts";
import type { Visibility } from "../../domain/posts/visibility.ts";
import type { Deps } from "../../services/deps.ts";
import { cardAst, type PostCard } from "../../services/posts/cards.ts";
import { cursorOrNull, PAGE_SIZE } from "../../services/timelines/entries.ts";
import { homeEntries, newerEntries } from "../../services/timelines/home.ts";
import { type TimelineItem, timelineItems } from "../../services/timelines/page.ts";
import { hashtagPath } from "../../services/timelines/public.ts";
import { homeVersion } from "../../services/versions.ts";
import type { AppEnv } from "../env.ts";
import { memberJson } from "../page-cache.ts";
import { PostBody } from "../views/post-card.tsx";

const MAX_LIMIT = 40;

/** Mastodon's four audiences: ours map onto them (their own name stays in `liens_visibility`). */
const MASTODON_VISIBILITY: Record<Visibility, "public" | "private" | "direct"> = {
  public: "public",
  followers: "private",
  connections: "private",
  mentioned: "direct",
};

function account(
  config: Config,
  a: { id: string; handle: string; displayName: string; avatarKey: string | null },
) {
  const url = `${config.publicUrl}/@${a.handle}`;
  const avatar = a.avatarKey ? `${config.publicUrl}/media/${a.avatarKey}` : null;
  return {
    id: a.id,
    username: a.handle,
    acct: a.handle,
    display_name: a.displayName,
    url,
    avatar,
    avatar_static: avatar,
  };
}

/** A post in the shape of a Mastodon status; `content` is our own rendering of our own parsed text. */
async function status(config: Config, card: PostCard) {
  const url = `${config.publicUrl}${card.url}`;
  const ast = cardAst(card);
  return {
    id: card.id,
    created_at: card.createdAt,
    edited_at: card.editedAt,
    in_reply_to_id: card.parentId,
    in_reply_to_account_id: null,
    sensitive: false,
    spoiler_text: "",
    visibility: MASTODON_VISIBILITY[card.visibility],
    liens_visibility: card.visibility,
    language: null,
    uri: url,
    url,
    replies_count: card.replyCount,
    reblogs_count: card.boostCount,
    favourites_count: card.reactionCount,
    favourited: card.viewerReaction !== null,
    reblogged: card.viewerBoosted,
    bookmarked: card.viewerBookmarked,
    content: String(await PostBody({ ast }).toString()),
    reblog: null,
    account: account(config, card.author),
    media_attachments: card.media.map((m) => ({
      id: m.id,
      type: "image",
      url: `${config.publicUrl}${m.url}`,
      preview_url: `${config.publicUrl}${m.thumbUrl}`,
      description: m.alt,
      meta: {
        original: { width: m.width, height: m.height },
        small: { width: m.thumbWidth, height: m.thumbHeight },
      },
    })),
    mentions: ast.flatMap((p) =>
      p.flatMap((token) =>
        token.kind === "mention"
          ? [{ username: token.handle, acct: token.handle, url: `${config.publicUrl}/@${token.handle}` }]
          : [],
      ),
    ),
    tags: ast.flatMap((p) =>
      p.flatMap((token) =>
        token.kind === "hashtag"
          ? [{ name: normalizeTag(token.tag), url: `${config.publicUrl}${hashtagPath(token.tag)}` }]
          : [],
      ),
    ),
    emojis: [],
    card: null,
    poll: card.poll
      ? {
          id: card.id,
          expires_at: card.poll.endsAt,
          expired: card.poll.ended,
          multiple: card.poll.multiple,
          votes_count: card.poll.options.reduce((sum, o) => sum + o.votes, 0),
          voters_count: card.poll.voterCount,
          voted: card.poll.voted,
          options: card.poll.options.map((o) => ({
            title: o.label,
            votes_count: card.poll?.showResults ? o.votes : null,
          })),
        }
      : null,
  };
}

/** A timeline entry: the post itself, or (a boost) a status of the booster wrapping it, as Mastodon does. */
async function entryStatus(config: Config, item: TimelineItem) {
  const inner = await status(config, item.card);
  if (!item.boostedBy) return inner;
  return {
    ...inner,
    id: item.entryId,
    created_at: item.boostedBy.at,
    content: "",
    media_attachments: [],
    mentions: [],
    tags: [],
    poll: null,
    account: account(config, { ...item.boostedBy, avatarKey: null }),
    reblog: inner,
  };
}

/**
 * The Mastodon-style JSON API (session-cookie authentication for now): `GET /api/v1/timelines/home`
 * with `max_id`, `since_id`, `min_id` and `limit`, and a `Link` header to the next and previous pages.
 */
export function apiRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/api/v1/timelines/home", async (c) => {
    const viewer = c.get("viewer");
    if (!viewer) return c.json({ error: c.get("t")("timelines.api.signIn") }, 401);
    const asked = Number.parseInt(c.req.query("limit") ?? "", 10);
    const limit = Number.isFinite(asked) ? Math.min(MAX_LIMIT, Math.max(1, asked)) : PAGE_SIZE;
    const maxId = cursorOrNull(c.req.query("max_id"));
    const sinceId = cursorOrNull(c.req.query("since_id"));
    const minId = cursorOrNull(c.req.query("min_id"));
    // Kept for the member while their timeline, their marks and their ties stand (homeVersion).
    const version = await homeVersion(deps.db, viewer.accountId);
    return memberJson(c, `${viewer.accountId}.${version}`, async () => {
      const entries =
        minId || sinceId
          ? await newerEntries(deps, viewer.accountId, (minId ?? sinceId) as string, {
              limit,
              closest: Boolean(minId),
            })
          : (await homeEntries(deps, viewer.accountId, { before: maxId, limit })).entries;
      const items = await timelineItems(deps, viewer, entries, { ownerId: viewer.accountId });
      const base = `${deps.config.publicUrl}/api/v1/timelines/home`;
      const last = entries.at(-1)?.entryId;
      const first = entries[0]?.entryId;
      const links = [
        ...(last && entries.length >= limit ? [`<${base}?max_id=${last}&limit=${limit}>; rel="next"`] : []),
        ...(first ? [`<${base}?min_id=${first}&limit=${limit}>; rel="prev"`] : []),
      ];
      const headers: Record<string, string> = {};
      if (links.length > 0) headers.Link = links.join(", ");
      return { body: await Promise.all(items.map((item) => entryStatus(deps.config, item))), headers };
    });
  });
}
