import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Deps } from "../deps.ts";
import { betweenTransactions, type TurnDeps, transactionSlice } from "../jobs/turns.ts";
import { activeSince, KEEP_ENTRIES } from "./entries.ts";

/** Owners read per query of the walk. */
const OWNERS_PER_READ = 500;
/**
 * Entries one statement deletes at most: a timeline far past KEEP_ENTRIES is trimmed in several, each
 * within a slice (each deleted entry also moves its timeline's version, a trigger). Measured on the
 * bench network: deletes of 500 held the event loop up to 14 ms, of 100 up to 9 ms.
 */
const ENTRIES_PER_DELETE = 100;

/**
 * One statement's worth of trimming `ownerId`'s timeline: up to ENTRIES_PER_DELETE of its oldest
 * entries past the KEEP_ENTRIES newest, or of all of them for someone inactive since `since`. Whether
 * the person is active is read here, in the transaction that deletes: someone who came back while the
 * walk went on keeps their timeline. Returns whether the timeline is done.
 */
async function trimStep(db: Kysely<Database>, ownerId: string, since: string): Promise<boolean> {
  const state = await db
    .selectFrom("home_timeline_state")
    .select("seen_at")
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
  if (!state) return true;
  let oldestKept: string | undefined;
  if (state.seen_at >= since) {
    oldestKept = (
      await db
        .selectFrom("home_timeline")
        .select("entry_id")
        .where("owner_id", "=", ownerId)
        .orderBy("entry_id", "desc")
        .offset(KEEP_ENTRIES - 1)
        .limit(1)
        .executeTakeFirst()
    )?.entry_id;
    if (oldestKept === undefined) return true;
  }
  const oldest = db
    .selectFrom("home_timeline")
    .select("entry_id")
    .where("owner_id", "=", ownerId)
    .$if(oldestKept !== undefined, (q) => q.where("entry_id", "<", oldestKept as string))
    .orderBy("entry_id")
    .limit(ENTRIES_PER_DELETE);
  const { numDeletedRows } = await db
    .deleteFrom("home_timeline")
    .where("owner_id", "=", ownerId)
    .where("entry_id", "in", oldest)
    .executeTakeFirst();
  return Number(numDeletedRows) < ENTRIES_PER_DELETE;
}

/**
 * The periodic trim: keeps the KEEP_ENTRIES newest entries of each stored timeline (older pages are
 * read from the posts), and empties the timelines of people inactive for INACTIVE_DAYS (rebuilt when
 * they come back). Walks the owners by keyset, in transactions of a slice each (`transactionSlice`;
 * `sliceMs` for tests), requests served between two.
 * It ran as one transaction per 500 owners and never gave the event loop back. On the bench network
 * (19,061 stored timelines), with nothing to delete, that held the process 3.2 s in one go, every 6
 * hours and at each start; with 1.4 million entries to delete (what 140 posts by an account with 10,000
 * followers write), 6.2 s, and the writer's lock about 160 ms at a time. In slices: 3.8 and 7.9 s in all,
 * the event loop held 9 ms at most.
 */
export async function trimTimelines(
  deps: Pick<Deps, "db" | "clock"> & TurnDeps,
  options: { sliceMs?: number } = {},
): Promise<void> {
  const since = activeSince(deps.clock.now());
  const slice = options.sliceMs ?? transactionSlice(deps);
  let after = "";
  for (;;) {
    const owners = (
      await deps.db
        .selectFrom("home_timeline_state")
        .select("owner_id")
        .where("owner_id", ">", after)
        .orderBy("owner_id")
        .limit(OWNERS_PER_READ)
        .execute()
    ).map((r) => r.owner_id);
    let next = 0;
    while (next < owners.length) {
      const began = performance.now();
      await deps.db.transaction().execute(async (trx) => {
        do {
          if (await trimStep(trx, owners[next] as string, since)) next++;
        } while (next < owners.length && performance.now() - began < slice);
      });
      await betweenTransactions(deps);
    }
    if (owners.length < OWNERS_PER_READ) return;
    after = owners.at(-1) ?? after;
  }
}
