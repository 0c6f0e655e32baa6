import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Deps } from "../deps.ts";
import { REBUILD_ENTRIES, type TimelineEntry } from "./entries.ts";
import { homeOnRead } from "./on-read.ts";
import { timelinesChanged } from "./touch.ts";

const ROWS_PER_STATEMENT = 500;

/**
 * Rebuilds someone's stored home timeline from the posts themselves (the REBUILD_ENTRIES newest
 * entries): for a person coming back after INACTIVE_DAYS without fan-out, or whose follows and
 * connections grew since the last build. Marks them active again, so the fan-out reaches them.
 *
 * Only the difference is written: the stored rows that are not among the new entries go, the new
 * entries that are not stored come. The result is the same as emptying and refilling the timeline,
 * but each row written also moves an index entry of the post it holds, somewhere else in a large
 * index: a timeline that is mostly right (a person back after a short absence, one new follow) costs
 * a few writes instead of 800.
 */
export async function rebuildHomeTimeline(
  deps: Pick<Deps, "db" | "clock">,
  ownerId: string,
  limit = REBUILD_ENTRIES,
): Promise<TimelineEntry[]> {
  const entries = await homeOnRead(deps.db, ownerId, { limit });
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const stored = await trx
      .selectFrom("home_timeline")
      .select(["entry_id", "post_id", "source_id"])
      .where("owner_id", "=", ownerId)
      .execute();
    const wanted = new Map(entries.map((e) => [e.entryId, e]));
    const kept = new Set<string>();
    const stale: string[] = [];
    for (const row of stored) {
      const entry = wanted.get(row.entry_id);
      if (entry && entry.postId === row.post_id && entry.sourceId === row.source_id) kept.add(row.entry_id);
      else stale.push(row.entry_id);
    }
    for (let i = 0; i < stale.length; i += ROWS_PER_STATEMENT)
      await trx
        .deleteFrom("home_timeline")
        .where("owner_id", "=", ownerId)
        .where("entry_id", "in", stale.slice(i, i + ROWS_PER_STATEMENT))
        .execute();
    const missing = entries.filter((e) => !kept.has(e.entryId));
    await insertEntries(trx, ownerId, missing);
    await trx
      .insertInto("home_timeline_state")
      .values({ owner_id: ownerId, seen_at: now, rebuilt_at: now })
      .onConflict((oc) => oc.column("owner_id").doUpdateSet({ seen_at: now, rebuilt_at: now }))
      .execute();
    if (missing.length > 0) await timelinesChanged(trx, [ownerId]);
  });
  return entries;
}

async function insertEntries(
  db: Kysely<Database>,
  ownerId: string,
  entries: readonly TimelineEntry[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += ROWS_PER_STATEMENT) {
    await db
      .insertInto("home_timeline")
      .values(
        entries.slice(i, i + ROWS_PER_STATEMENT).map((e) => ({
          owner_id: ownerId,
          entry_id: e.entryId,
          post_id: e.postId,
          source_id: e.sourceId,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
