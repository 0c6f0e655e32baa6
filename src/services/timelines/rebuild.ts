import { inList } from "../../db/in-list.ts";
import type { Deps } from "../deps.ts";
import { postsSpan, REBUILD_ENTRIES, type TimelineEntry } from "./entries.ts";
import { homeOnRead } from "./on-read.ts";
import { timelineRowsWriter } from "./rows.ts";
import { timelinesChanged } from "./touch.ts";

/**
 * Rows per INSERT statement. On the bench network, writing a returning person's 400 entries took
 * 1.58 ms (p50) built by Kysely in statements of 500 rows, 0.95 ms in statements of 64 compiled once,
 * 1.08 ms in statements of 16.
 */
const insertRows = timelineRowsWriter(64);
/**
 * How much further back than the last rebuild's span the first window reaches: it then usually holds
 * every post the rebuild needs (one index seek per person followed, as before), and 500 to 600 rows
 * instead of the 2,000 to 10,000 that the default window (a week per page) held on the bench network.
 */
const SPAN_MARGIN = 1.25;

/**
 * Rebuilds someone's stored home timeline from the posts themselves (the REBUILD_ENTRIES newest
 * entries): for a person coming back after INACTIVE_DAYS without fan-out, or whose follows and
 * connections grew since the last build. Marks them active again, so the fan-out reaches them.
 *
 * Only the difference is written: the stored rows that are not among the new entries go, the new
 * entries that are not stored come. The result is the same as emptying and refilling the timeline,
 * but a timeline that is mostly right (a person back after a short absence, one new follow) costs a
 * few writes instead of 800, and moves its version (a page kept for it is drawn again) only if
 * something changed.
 *
 * The posts are read from a first window as long as the owner's network took to write as many the
 * last time (`posts_span_ms`), and that time is measured again for the next one.
 */
export async function rebuildHomeTimeline(
  deps: Pick<Deps, "db" | "clock">,
  ownerId: string,
  limit = REBUILD_ENTRIES,
): Promise<TimelineEntry[]> {
  const state = await deps.db
    .selectFrom("home_timeline_state")
    .select("posts_span_ms")
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
  const lastSpan = state?.posts_span_ms ?? null;
  const entries = await homeOnRead(deps.db, ownerId, {
    limit,
    firstWindowMs: lastSpan === null ? null : ((lastSpan * limit) / REBUILD_ENTRIES) * SPAN_MARGIN,
  });
  const now = deps.clock.now().toISOString();
  const span = postsSpan(entries, REBUILD_ENTRIES);
  await deps.db.transaction().execute(async (trx) => {
    // An entry's id says its post and who brought it (the post's own id, or a boost's): the ids are enough.
    const stored = await trx
      .selectFrom("home_timeline")
      .select("entry_id")
      .where("owner_id", "=", ownerId)
      .execute();
    const wanted = new Set(entries.map((e) => e.entryId));
    const kept = new Set<string>();
    const stale: string[] = [];
    for (const { entry_id } of stored) {
      if (wanted.has(entry_id)) kept.add(entry_id);
      else stale.push(entry_id);
    }
    if (stale.length > 0)
      await trx
        .deleteFrom("home_timeline")
        .where("owner_id", "=", ownerId)
        .where(inList(deps.db, "entry_id", stale))
        .execute();
    const missing = entries.filter((e) => !kept.has(e.entryId));
    await insertRows(
      trx,
      missing.map((e) => ({
        owner_id: ownerId,
        entry_id: e.entryId,
        post_id: e.postId,
        source_id: e.sourceId,
      })),
    );
    await trx
      .insertInto("home_timeline_state")
      .values({ owner_id: ownerId, seen_at: now, rebuilt_at: now, posts_span_ms: span })
      .onConflict((oc) =>
        oc.column("owner_id").doUpdateSet({ seen_at: now, rebuilt_at: now, posts_span_ms: span }),
      )
      .execute();
    if (missing.length > 0) await timelinesChanged(trx, [ownerId]);
  });
  return entries;
}
