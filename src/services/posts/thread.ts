import type { Deps, Viewer } from "../deps.ts";
import { loadPostCards, type PostCard } from "./cards.ts";
import { visiblePost, whereVisibleTo } from "./visible.ts";

/** How many comments of a thread are read at most (a longer one is read in parts via its comments' pages). */
const MAX_THREAD = 1000;
/** Levels of comments drawn under the post shown; deeper ones get "continue this thread". */
export const MAX_DEPTH = 4;
/** Answers drawn per comment (more for the post shown), the rest behind "show more". */
export const CHILDREN_SHOWN = 5;
export const TOP_LEVEL_SHOWN = 30;

export interface ThreadNode {
  card: PostCard;
  children: ThreadNode[];
  /** Answers not drawn here (behind "show more" or "continue this thread"). */
  hidden: number;
}

export interface Thread {
  /** The post the page is about. */
  focus: PostCard;
  /** The thread's root when the focus is a comment (null if it is the root, or not visible). */
  root: PostCard | null;
  /** The focus's parent when it is a comment of a comment. */
  parent: PostCard | null;
  comments: ThreadNode[];
  /** Answers to the focus not drawn. */
  hidden: number;
}

/**
 * A post and the comments under it that the viewer may see, as a tree: the whole thread in one query
 * (ids only), the cards of what is drawn in one `loadPostCards` — no query per comment. `all` draws
 * every direct answer to the post instead of the first ones.
 */
export async function loadThread(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
  postId: string,
  options: { all?: boolean } = {},
): Promise<Thread> {
  const me = viewer?.accountId ?? null;
  const post = await visiblePost(deps.db, me, postId);
  const rootId = post.root_id ?? post.id;
  const rows = await deps.db
    .selectFrom("posts")
    .select(["id", "parent_id", "deleted_at"])
    .where("root_id", "=", rootId)
    .where(whereVisibleTo(me))
    .orderBy("created_at")
    .orderBy("id")
    .limit(MAX_THREAD)
    .execute();
  const children = new Map<string, string[]>();
  for (const row of rows) {
    if (!row.parent_id) continue;
    const list = children.get(row.parent_id) ?? [];
    list.push(row.id);
    children.set(row.parent_id, list);
  }
  // A deleted comment's placeholder is there for the replies under it: drawn only above one the viewer
  // sees (the tree read from its root down, then back up: replies before what they answer).
  const placeholders = new Set(rows.flatMap((r) => (r.deleted_at !== null ? [r.id] : [])));
  const order = [rootId];
  for (let i = 0; i < order.length; i++) order.push(...(children.get(order[i] as string) ?? []));
  const readable = new Set<string>();
  for (const id of order.reverse()) {
    if (!placeholders.has(id) || (children.get(id) ?? []).some((c) => readable.has(c))) readable.add(id);
  }
  for (const [id, list] of children) {
    const kept = list.filter((c) => readable.has(c));
    children.set(id, kept);
  }
  // Decide what is drawn, then load exactly those cards at once.
  interface Plan {
    id: string;
    children: Plan[];
    hidden: number;
  }
  const drawn: string[] = [post.id];
  const plan = (id: string, depth: number, limit: number): Plan => {
    const all = children.get(id) ?? [];
    if (depth >= MAX_DEPTH) return { id, children: [], hidden: all.length };
    const shown = all.slice(0, limit);
    drawn.push(...shown);
    return {
      id,
      children: shown.map((c) => plan(c, depth + 1, CHILDREN_SHOWN)),
      hidden: all.length - shown.length,
    };
  };
  const top = plan(post.id, 0, options.all ? MAX_THREAD : TOP_LEVEL_SHOWN);
  const context = [post.root_id, post.parent_id !== post.root_id ? post.parent_id : null].filter(
    (id): id is string => id !== null,
  );
  const cards = await loadPostCards(deps, viewer, [...drawn, ...context], { placeholders: true });
  const byId = new Map(cards.map((c) => [c.id, c]));
  const build = (p: Plan): ThreadNode[] =>
    p.children.flatMap((child) => {
      const card = byId.get(child.id);
      return card ? [{ card, children: build(child), hidden: child.hidden }] : [];
    });
  const focus = byId.get(post.id);
  if (!focus) throw new Error("the post was visible a moment ago");
  return {
    focus,
    root: post.root_id ? (byId.get(post.root_id) ?? null) : null,
    parent: post.parent_id && post.parent_id !== post.root_id ? (byId.get(post.parent_id) ?? null) : null,
    comments: build(top),
    hidden: top.hidden,
  };
}
