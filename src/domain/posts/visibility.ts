/**
 * Who may see a post — the one rule every page, list, search, feed, notification, media file and API
 * uses (its SQL twin is src/services/posts/visible.ts; one table of cases tests both).
 *
 * - public: everyone, signed in or not.
 * - followers: the audience owner's accepted followers and connections (a connection is a closer tie
 *   than a follower).
 * - connections: the audience owner's connections.
 * - mentioned: only the people the post mentions.
 * In every case the author and the audience owner see it, and nobody who blocked or is blocked by the
 * author or the audience owner does. A mention widens nothing: a post for followers or connections that
 * mentions someone outside them stays out of their sight (and they are not notified), or a mention in a
 * comment would let a stranger into a conversation kept to connections. The audience owner is the author
 * of a root post and the thread root's author for a reply: a comment never reaches people who cannot see
 * the conversation it belongs to.
 */
export const VISIBILITIES = ["public", "followers", "connections", "mentioned"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** How the viewer stands towards a post (relations are to the post's audience owner). */
export interface PostRelation {
  /** No one signed in. */
  anonymous: boolean;
  /** The viewer wrote the post or owns its thread. */
  author: boolean;
  mentioned: boolean;
  connection: boolean;
  /** An accepted follow of the audience owner. */
  follower: boolean;
  /** A block, either way, between the viewer and the author or the audience owner. */
  blocked: boolean;
  /**
   * The post is part of an event's discussion and the viewer may not see that event (a private
   * event's comments are as invisible as the event itself).
   */
  eventHidden?: boolean;
  /**
   * For a comment, whether the viewer may see its thread's root by the root's own visibility (a root:
   * always). A comment for the people mentioned names them when it is written, among those who could
   * see the conversation then; it reaches them only while they still can (a disconnection ends it).
   * The other visibilities of a comment follow its audience owner, the root's author, already.
   */
  threadOpen?: boolean;
}

export type RelationName =
  | "author"
  | "mentioned"
  | "connection"
  | "follower"
  | "stranger"
  | "blocked"
  | "anonymous";

const NONE: PostRelation = {
  anonymous: false,
  author: false,
  mentioned: false,
  connection: false,
  follower: false,
  blocked: false,
};

/** A relation made of one named case (tests, and callers that know the case). */
export function relationNamed(name: RelationName): PostRelation {
  if (name === "stranger") return NONE;
  return { ...NONE, [name]: true };
}

export function canSeePost(post: { visibility: Visibility }, relation: PostRelation): boolean {
  if (relation.eventHidden) return false;
  if (relation.anonymous) return post.visibility === "public";
  if (relation.blocked) return false;
  if (relation.author) return true;
  switch (post.visibility) {
    case "public":
      return true;
    case "followers":
      return relation.follower || relation.connection;
    case "connections":
      return relation.connection;
    case "mentioned":
      return relation.mentioned && relation.threadOpen !== false;
  }
}

/** Widest first. */
function rank(visibility: Visibility): number {
  return VISIBILITIES.indexOf(visibility);
}

/** A reply's stored visibility: what its author chose, narrowed to what it answers. */
export function effectiveVisibility(chosen: Visibility, parent: Visibility | null): Visibility {
  if (parent === null) return chosen;
  return rank(chosen) >= rank(parent) ? chosen : parent;
}

/** The choices a reply may offer: the parent's visibility and narrower ones. */
export function visibilitiesForReply(parent: Visibility): Visibility[] {
  return VISIBILITIES.filter((v) => rank(v) >= rank(parent));
}

/** Only public posts can be boosted (a boost shows the post to the booster's audience). */
export function canBoost(post: { visibility: Visibility }): boolean {
  return post.visibility === "public";
}

export function isVisibility(value: unknown): value is Visibility {
  return typeof value === "string" && (VISIBILITIES as readonly string[]).includes(value);
}
