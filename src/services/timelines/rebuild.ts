import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Deps } from "../deps.ts";
import { REBUILD_ENTRIES, type TimelineEntry } from "./entries.ts";
import { homeOnRead } from "./on-read.ts";

const ROWS_PER_STATEMENT = 500;

/**
 * Rebuilds someone's stored home timeline from the posts themselves (the REBUILD_ENTRIES newest
 * entries): for a person coming back after INACTIVE_DAYS without fan-out, or whose follows and
 * connections grew since the last build. Marks them active again, so the fan-out reaches them.
 */
export async function rebuildHomeTimeline(
  deps: Pick<Deps, "db" | "clock">,
  ownerId: string,
  limit = REBUILD_ENTRIES,
): Promise<TimelineEntry[]> {
  const entries = await homeOnRead(deps.db, ownerId, { limit });
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("home_timeline").where("owner_id", "=", ownerId).execute();
    await insertEntries(trx, ownerId, entries);
    await trx
      .insertInto("home_timeline_state")
      .values({ owner_id: ownerId, seen_at: now, rebuilt_at: now })
      .onConflict((oc) => oc.column("owner_id").doUpdateSet({ seen_at: now, rebuilt_at: now }))
      .execute();
  });
  return entries;
}

export async function insertEntries(
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
