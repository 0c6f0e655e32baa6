import type { PostRow } from "../../db/schema-posts.ts";
import { isReaction, type ReactionKey } from "../../domain/posts/reactions.ts";
import type { PostAst } from "../../domain/posts/text.ts";
import { readAst } from "../../domain/posts/text.ts";
import { canBoost, type Visibility } from "../../domain/posts/visibility.ts";
import type { Deps, Viewer } from "../deps.ts";
import { cardDetails, cardHiddenComments, cardPosts } from "./card-queries.ts";

export interface CardAuthor {
  id: string;
  handle: string;
  displayName: string;
  avatarKey: string | null;
}

export interface CardMedia {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  alt: string;
  credit: string;
}

export interface PollOptionView {
  id: string;
  label: string;
  votes: number;
  /** 0..100, rounded; 0 when nobody voted. */
  percent: number;
  chosen: boolean;
}

export interface PollView {
  multiple: boolean;
  endsAt: string;
  ended: boolean;
  voterCount: number;
  voted: boolean;
  /** Results show after voting, at the end, and always to the author. */
  showResults: boolean;
  options: PollOptionView[];
}

/** Everything a page needs to draw one post, loaded for a whole list at once. */
export interface PostCard {
  id: string;
  author: CardAuthor;
  /** Our parsed tree of the text, as stored (read with `cardAst` when the card is drawn). */
  astJson: string;
  body: string;
  visibility: Visibility;
  rootId: string | null;
  parentId: string | null;
  eventId: string | null;
  /** The thread's comments are closed (the root's flag, for a reply too). */
  commentsClosed: boolean;
  /**
   * The comments under it that the viewer may see, placeholders left out: the whole thread's, at every
   * depth, for a root post; the direct replies for a comment.
   */
  replyCount: number;
  reactionCount: number;
  boostCount: number;
  /** Reactions by kind, most given first. */
  reactions: { key: ReactionKey; count: number }[];
  createdAt: string;
  editedAt: string | null;
  viewerReaction: ReactionKey | null;
  viewerBoosted: boolean;
  viewerBookmarked: boolean;
  /** The viewer wrote it. */
  own: boolean;
  boostable: boolean;
  media: CardMedia[];
  poll: PollView | null;
  /** The post page, `/@handle/posts/:id`. */
  url: string;
  /**
   * A deleted comment kept for the replies under it (delete.ts): drawn as "This comment was deleted."
   * in its thread, and nowhere else. It has no author (`author` is blank), text, images or marks.
   */
  deleted: boolean;
}

/**
 * The card's text as our tree, rendered by a view that escapes every character. Parsed only when the
 * card is drawn: a kept card (web/views/card-fragments.ts) is not.
 */
export function cardAst(card: Pick<PostCard, "astJson" | "body">): PostAst {
  return readAst(card.astJson, card.body);
}

export function postUrl(handle: string, id: string): string {
  return `/@${handle}/posts/${id}`;
}

export function mediaUrl(mediaId: string, thumb = false): string {
  return `/media/posts/${mediaId}${thumb ? "/thumb" : ""}`;
}

/** What a placeholder shows of its author: nothing. */
const NO_AUTHOR: CardAuthor = { id: "", handle: "", displayName: "", avatarKey: null };

/**
 * Cards for `postIds`, in the given order, in a fixed number of queries whatever the count (posts with
 * authors; media; polls with options; the viewer's reactions, boosts, bookmarks and votes; reaction
 * tallies; the comments under them the viewer may not see). Posts the viewer may not see (or that no
 * longer exist) are left out, unless the caller says the ids were already filtered by `whereVisibleTo`;
 * so are placeholders of deleted comments, unless the caller draws a thread (`placeholders`).
 */
export async function loadPostCards(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Pick<Viewer, "accountId"> | null,
  postIds: readonly string[],
  options: { alreadyVisible?: boolean; placeholders?: boolean } = {},
): Promise<PostCard[]> {
  const ids = [...new Set(postIds)];
  if (ids.length === 0) return [];
  const me = viewer?.accountId ?? null;
  const [rows, media, polls, options_, tallies, mine, hidden] = await Promise.all([
    cardPosts(deps.db, me, ids, !options.alreadyVisible),
    cardDetails(deps.db, "media", me, ids),
    cardDetails(deps.db, "polls", me, ids),
    cardDetails(deps.db, "options", me, ids),
    cardDetails(deps.db, "tallies", me, ids),
    me === null ? Promise.resolve([]) : cardDetails(deps.db, "mine", me, ids),
    cardHiddenComments(deps.db, me, ids),
  ]);
  const hiddenUnder = new Map(hidden.map((h) => [h.post_id, Number(h.n)]));

  const now = deps.clock.now().toISOString();
  const mediaBy = groupBy(media, (m) => m.post_id);
  const optionsBy = groupBy(options_, (o) => o.post_id);
  const pollBy = new Map(polls.map((p) => [p.post_id, p]));
  const tallyBy = groupBy(tallies, (t) => t.post_id);
  const reactionOf = new Map<string, string>();
  const boosted = new Set<string>();
  const bookmarked = new Set<string>();
  const votes = new Set<string>();
  for (const row of mine) {
    if (row.what === "reaction") reactionOf.set(row.post_id, row.value);
    else if (row.what === "boost") boosted.add(row.post_id);
    else if (row.what === "bookmark") bookmarked.add(row.post_id);
    else if (row.what === "vote") votes.add(row.value);
  }

  const byId = new Map(
    rows.flatMap((row) => {
      const deleted = row.deleted_at !== null;
      if (deleted && !options.placeholders) return [];
      const stored = Number(row.root_id === null ? row.comment_count : row.reply_count);
      const replyCount = Math.max(0, stored - (hiddenUnder.get(row.id) ?? 0));
      const url = postUrl(row.handle, row.id);
      if (deleted) return [[row.id, placeholderCard(row, replyCount, url)] as const];
      const poll = pollBy.get(row.id);
      const own = me !== null && row.author_id === me;
      let pollView: PollView | null = null;
      if (poll) {
        const opts = optionsBy.get(row.id) ?? [];
        const voted = opts.some((o) => votes.has(o.id));
        const ended = poll.ends_at <= now;
        // Shares of the people who voted: with several choices each, they add up to more than 100 %.
        const voters = Number(poll.voter_count);
        pollView = {
          multiple: poll.multiple === 1,
          endsAt: poll.ends_at,
          ended,
          voterCount: voters,
          voted,
          showResults: voted || ended || own,
          options: opts.map((o) => ({
            id: o.id,
            label: o.label,
            votes: Number(o.vote_count),
            percent: voters === 0 ? 0 : Math.round((Number(o.vote_count) * 100) / voters),
            chosen: votes.has(o.id),
          })),
        };
      }
      const viewerReaction = reactionOf.get(row.id);
      const card: PostCard = {
        id: row.id,
        author: {
          id: row.author_id,
          handle: row.handle,
          displayName: row.display_name,
          avatarKey: row.avatar_key,
        },
        astJson: row.body_ast,
        body: row.body,
        visibility: row.visibility,
        rootId: row.root_id,
        parentId: row.parent_id,
        eventId: row.event_id,
        commentsClosed: (row.root_id ? row.root_closed : row.comments_closed) === 1,
        replyCount,
        reactionCount: Number(row.reaction_count),
        boostCount: Number(row.boost_count),
        reactions: (tallyBy.get(row.id) ?? [])
          .flatMap((t) => (isReaction(t.emoji) ? [{ key: t.emoji, count: Number(t.n) }] : []))
          .sort((a, b) => b.count - a.count),
        createdAt: row.created_at,
        editedAt: row.edited_at,
        viewerReaction: isReaction(viewerReaction) ? viewerReaction : null,
        viewerBoosted: boosted.has(row.id),
        viewerBookmarked: bookmarked.has(row.id),
        own,
        boostable: canBoost(row) && !row.event_id,
        media: (mediaBy.get(row.id) ?? []).map((m) => ({
          id: m.id,
          url: mediaUrl(m.id),
          thumbUrl: mediaUrl(m.id, true),
          width: m.width,
          height: m.height,
          thumbWidth: m.thumb_width,
          thumbHeight: m.thumb_height,
          alt: m.alt,
          credit: m.credit,
        })),
        poll: pollView,
        url,
        deleted: false,
      };
      return [[row.id, card] as const];
    }),
  );
  return ids.flatMap((id) => {
    const card = byId.get(id);
    return card ? [card] : [];
  });
}

/** A deleted comment's card: its place in the thread, and the replies under it that the viewer sees. */
function placeholderCard(
  row: Pick<PostRow, "id" | "visibility" | "root_id" | "parent_id" | "event_id" | "created_at">,
  replyCount: number,
  url: string,
): PostCard {
  return {
    id: row.id,
    author: NO_AUTHOR,
    astJson: "[]",
    body: "",
    visibility: row.visibility,
    rootId: row.root_id,
    parentId: row.parent_id,
    eventId: row.event_id,
    commentsClosed: false,
    replyCount,
    reactionCount: 0,
    boostCount: 0,
    reactions: [],
    createdAt: row.created_at,
    editedAt: null,
    viewerReaction: null,
    viewerBoosted: false,
    viewerBookmarked: false,
    own: false,
    boostable: false,
    media: [],
    poll: null,
    url,
    deleted: true,
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}
