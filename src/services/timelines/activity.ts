import type { Kysely } from "kysely";
import { inList } from "../../db/in-list.ts";
import type { Database } from "../../db/schema.ts";

/** The newest thread root and boost of someone (ids at least as new as their newest: migration 0027). */
export interface Activity {
  root: string | null;
  boost: string | null;
}

/** The activity of those of `people` who have a row: a person without one may have written anything. */
export async function activityOf(
  db: Kysely<Database>,
  people: readonly string[],
): Promise<Map<string, Activity>> {
  const rows =
    people.length === 0
      ? []
      : await db
          .selectFrom("actor_activity")
          .select(["actor_id", "newest_root_id", "newest_boost_id"])
          .where(inList(db, "actor_id", people))
          .execute();
  return new Map(rows.map((r) => [r.actor_id, { root: r.newest_root_id, boost: r.newest_boost_id }]));
}

/**
 * Those of `people` who may have written a thread root (or a boost) with an id at `lo` or above (at
 * all, when `lo` is null): everyone but those whose newest is older, or who never wrote one.
 */
export function mayHaveWritten(
  people: readonly string[],
  activity: ReadonlyMap<string, Activity>,
  kind: keyof Activity,
  lo: string | null,
): string[] {
  return people.filter((id) => {
    const known = activity.get(id);
    if (known === undefined) return true;
    const newest = known[kind];
    return newest !== null && newest >= (lo ?? "");
  });
}
