import type { Generated, Selectable } from "kysely";

/** Table types of the posts area; `Database` in schema.ts extends this. */
export interface PostsTables {
  posts: PostsTable;
  post_mentions: PostMentionsTable;
  post_hashtags: PostHashtagsTable;
  post_edits: PostEditsTable;
  reactions: ReactionsTable;
  boosts: BoostsTable;
  bookmarks: BookmarksTable;
  post_media: PostMediaTable;
  pending_media: PendingMediaTable;
  polls: PollsTable;
  poll_options: PollOptionsTable;
  poll_votes: PollVotesTable;
  notification_opt_outs: NotificationOptOutsTable;
}

/** Widest first: a reply's visibility is at most (never wider than) its parent's. */
export type PostVisibility = "public" | "followers" | "connections" | "mentioned";

export interface PostsTable {
  id: string;
  author_id: string;
  /**
   * Whose followers and connections the audience is: the author for a root post, the thread root's
   * author for a reply (so a reply never reaches people who cannot see the conversation).
   */
  audience_id: string;
  /** The text as typed. */
  body: string;
  /** JSON of the rich-text AST (src/domain/posts/text.ts), so pages don't parse again. */
  body_ast: string;
  /** Effective visibility, stored at write time (a reply's is at most its parent's). */
  visibility: PostVisibility;
  /** The thread's root post; null for a root post. */
  root_id: string | null;
  /** The post this answers; null for a root post. */
  parent_id: string | null;
  /** An event's comments are posts attached to it (no foreign key: the events area owns events). */
  event_id: string | null;
  /** 0/1, meaningful on a root post: replies are refused in the whole thread. */
  comments_closed: Generated<number>;
  /** Direct replies, placeholders left out. */
  reply_count: Generated<number>;
  /**
   * On a thread root: the thread's comments at every depth, placeholders left out (migration
   * 0030_comment_placeholders). 0 on a comment.
   */
  comment_count: Generated<number>;
  reaction_count: Generated<number>;
  boost_count: Generated<number>;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
  /**
   * Set on a comment deleted while replies by others stay under it: a placeholder in the thread, with
   * no text, nothing attached, and the thread's author as its author (src/services/posts/delete.ts).
   */
  deleted_at: string | null;
  /** Moved by triggers whenever what its card shows changes (migration 0018_versions). */
  version: Generated<number>;
}

export interface PostMentionsTable {
  post_id: string;
  actor_id: string;
}

export interface PostHashtagsTable {
  post_id: string;
  /** Lower-cased, without "#". */
  tag: string;
  /** The post's creation time, for the hashtag page's order. */
  created_at: string;
}

/** One row per edit: the text as it was before it, written at `written_at`, replaced at `replaced_at`. */
export interface PostEditsTable {
  id: string;
  post_id: string;
  body: string;
  written_at: string;
  replaced_at: string;
}

/** One reaction per person and post (changing the emoji replaces it). */
export interface ReactionsTable {
  post_id: string;
  actor_id: string;
  emoji: string;
  created_at: string;
}

export interface BoostsTable {
  /** UUIDv7, for timelines that list boosts by time. */
  id: string;
  post_id: string;
  actor_id: string;
  created_at: string;
}

export interface BookmarksTable {
  actor_id: string;
  post_id: string;
  created_at: string;
}

export interface PostMediaTable {
  id: string;
  post_id: string;
  /** 0..3, the order chosen when posting. */
  position: number;
  /** Re-encoded image (metadata stripped), served at /media/posts/<id>. */
  storage_key: string;
  thumb_key: string;
  width: number;
  height: number;
  thumb_width: number;
  thumb_height: number;
  alt: Generated<string>;
  credit: Generated<string>;
  created_at: string;
}

/**
 * An image chosen in a composer whose form was refused, processed and stored already, kept for its
 * owner until the post is published (it then becomes a `post_media` row with the same id and files)
 * or a day has passed (migration 0029_pending_media).
 */
export interface PendingMediaTable {
  id: string;
  account_id: string;
  storage_key: string;
  thumb_key: string;
  width: number;
  height: number;
  thumb_width: number;
  thumb_height: number;
  created_at: string;
}

export interface PollsTable {
  post_id: string;
  /** 0: one choice; 1: several. */
  multiple: Generated<number>;
  ends_at: string;
  /** People who voted (not votes: a multiple-choice voter counts once). */
  voter_count: Generated<number>;
  /** When the "poll ended" notifications went out. */
  closed_notified_at: string | null;
}

export interface PollOptionsTable {
  id: string;
  post_id: string;
  position: number;
  label: string;
  vote_count: Generated<number>;
}

export interface PollVotesTable {
  post_id: string;
  option_id: string;
  actor_id: string;
  created_at: string;
}

/** A notification kind an account turned off (no row: on). */
export interface NotificationOptOutsTable {
  account_id: string;
  kind: string;
}

export type PostRow = Selectable<PostsTable>;
