import type { Deps } from "../deps.ts";
import { activeSince, KEEP_ENTRIES } from "./entries.ts";

const OWNERS_PER_BATCH = 500;

/**
 * The periodic trim: keeps the KEEP_ENTRIES newest entries of each stored timeline (older pages are
 * read from the posts), and empties the timelines of people inactive for INACTIVE_DAYS (rebuilt when
 * they come back). Walks the owners by keyset, a batch per transaction.
 */
export async function trimTimelines(deps: Pick<Deps, "db" | "clock">): Promise<void> {
  const since = activeSince(deps.clock.now());
  let after = "";
  for (;;) {
    const owners = await deps.db
      .selectFrom("home_timeline_state")
      .select(["owner_id", "seen_at"])
      .where("owner_id", ">", after)
      .orderBy("owner_id")
      .limit(OWNERS_PER_BATCH)
      .execute();
    if (owners.length === 0) return;
    await deps.db.transaction().execute(async (trx) => {
      for (const owner of owners) {
        if (owner.seen_at < since) {
          await trx.deleteFrom("home_timeline").where("owner_id", "=", owner.owner_id).execute();
          continue;
        }
        const oldestKept = await trx
          .selectFrom("home_timeline")
          .select("entry_id")
          .where("owner_id", "=", owner.owner_id)
          .orderBy("entry_id", "desc")
          .offset(KEEP_ENTRIES - 1)
          .limit(1)
          .executeTakeFirst();
        if (oldestKept)
          await trx
            .deleteFrom("home_timeline")
            .where("owner_id", "=", owner.owner_id)
            .where("entry_id", "<", oldestKept.entry_id)
            .execute();
      }
    });
    after = owners.at(-1)?.owner_id ?? after;
  }
}
