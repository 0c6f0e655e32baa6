import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

/** Owners per statement (bound parameters; SQLite's limit is far above). */
const OWNERS_PER_STATEMENT = 500;

/**
 * Moves the version of these people's home timelines (src/services/versions.ts), so that a page kept
 * for them is drawn again. Whoever writes entries calls it in the same transaction, once per timeline
 * (migration 0023: once per entry cost the fan-out a fifth of its time); removals move the version by
 * themselves (a trigger). People without a stored timeline have no version to move.
 */
export async function timelinesChanged(db: Kysely<Database>, owners: readonly string[]): Promise<void> {
  for (let i = 0; i < owners.length; i += OWNERS_PER_STATEMENT)
    await db
      .updateTable("home_timeline_state")
      .set((eb) => ({ version: eb("version", "+", 1) }))
      .where("owner_id", "in", owners.slice(i, i + OWNERS_PER_STATEMENT))
      .execute();
}
