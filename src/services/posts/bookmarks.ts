import type { Deps, Viewer } from "../deps.ts";
import { loadPostCards, type PostCard } from "./cards.ts";
import { livePost, whereVisibleTo } from "./visible.ts";

const PAGE_SIZE = 20;

/** Bookmarks any post the viewer can see (private to the viewer). */
export async function bookmark(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  postId: string,
): Promise<void> {
  await livePost(deps.db, viewer.accountId, postId);
  await deps.db
    .insertInto("bookmarks")
    .values({ actor_id: viewer.accountId, post_id: postId, created_at: deps.clock.now().toISOString() })
    .onConflict((oc) => oc.columns(["actor_id", "post_id"]).doNothing())
    .execute();
}

export async function unbookmark(deps: Pick<Deps, "db">, viewer: Viewer, postId: string): Promise<void> {
  await deps.db
    .deleteFrom("bookmarks")
    .where("actor_id", "=", viewer.accountId)
    .where("post_id", "=", postId)
    .execute();
}

/**
 * The viewer's bookmarks, newest first, by keyset on (created_at, post_id); posts no longer visible to
 * them (a block, a connection ended) are left out.
 */
export async function listBookmarks(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  options: { before?: string | undefined } = {},
): Promise<{ items: PostCard[]; next: string | null }> {
  let query = deps.db
    .selectFrom("bookmarks as b")
    .innerJoin("posts as p", "p.id", "b.post_id")
    .select(["b.post_id", "b.created_at"])
    .where("b.actor_id", "=", viewer.accountId)
    .where(whereVisibleTo(viewer.accountId, "p"));
  const [at, id] = (options.before ?? "").split("~");
  if (at && id) {
    query = query.where((eb) =>
      eb.or([eb("b.created_at", "<", at), eb.and([eb("b.created_at", "=", at), eb("b.post_id", "<", id)])]),
    );
  }
  const rows = await query
    .orderBy("b.created_at", "desc")
    .orderBy("b.post_id", "desc")
    .limit(PAGE_SIZE + 1)
    .execute();
  const page = rows.slice(0, PAGE_SIZE);
  const items = await loadPostCards(
    deps,
    viewer,
    page.map((r) => r.post_id),
    { alreadyVisible: true },
  );
  const last = page.at(-1);
  return { items, next: rows.length > PAGE_SIZE && last ? `${last.created_at}~${last.post_id}` : null };
}
