import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * A home timeline's version no longer moves in a trigger per entry inserted: the writers move it once
 * per timeline and transaction (src/services/timelines/touch.ts). The fan-out of twenty waiting posts
 * wrote twenty entries into each timeline, and ran the trigger's update twenty times for each: about a
 * fifth of its cost (measured on the bench network, 14–17 against 12 µs an entry). Deletions, rarer
 * and spread over many writers (a post deleted, a follow ended, the trim), keep their trigger.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`drop trigger home_timeline_state_version_insert`.execute(db);
    return;
  }
  await sql`drop trigger home_timeline_state_version on home_timeline`.execute(db);
  await sql`create trigger home_timeline_state_version after update or delete on home_timeline
    for each row execute function move_timeline_version()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
