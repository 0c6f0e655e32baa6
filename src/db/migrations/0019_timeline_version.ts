import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * A home timeline's version moves on `home_timeline_state` (one narrow row per person who has a
 * stored timeline) instead of `actors`. The fan-out writes an entry into thousands of timelines per
 * post, and each moved the version on a different, wide, actors row: as many more pages to write as
 * entries, about a third of the fan-out's cost. The state rows are few and small; the pages they move
 * stay in the database's cache, and the fan-out's transactions write each of them once.
 *
 * And stored timelines are cleared of what their owners no longer receive (see the end).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .alterTable("home_timeline_state")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  if (sqlite) {
    for (const [event, row] of [
      ["insert", "new"],
      ["update", "new"],
      ["delete", "old"],
    ] as const) {
      await sql.raw(`drop trigger home_timeline_owner_id_actors_timeline_version_${event}`).execute(db);
      await sql
        .raw(
          `create trigger home_timeline_state_version_${event} after ${event} on home_timeline begin
            update home_timeline_state set version = version + 1 where owner_id = ${row}.owner_id;
          end`,
        )
        .execute(db);
    }
  } else {
    await sql`drop trigger home_timeline_owner_id_actors_timeline_version on home_timeline`.execute(db);
    await sql`create function move_timeline_version() returns trigger language plpgsql as $$
      begin
        update home_timeline_state set version = version + 1
          where owner_id = (case when tg_op = 'DELETE' then old.owner_id else new.owner_id end);
        return null;
      end $$`.execute(db);
    await sql`create trigger home_timeline_state_version after insert or update or delete on home_timeline
      for each row execute function move_timeline_version()`.execute(db);
  }
  await db.schema.alterTable("actors").dropColumn("timeline_version").execute();
  // Stored timelines no longer hold what their owner stopped receiving (the page read checked each
  // entry; src/services/timelines/prune.ts now takes such entries out when it happens): the ones
  // left from before go once.
  await sql`delete from home_timeline as t
    where t.source_id <> t.owner_id
      and (exists (select 1 from mutes m where m.owner_id = t.owner_id and m.target_id = t.source_id)
        or (not exists (select 1 from follows f where f.follower_id = t.owner_id
                          and f.followee_id = t.source_id and f.status = 'accepted')
            and not exists (select 1 from connections c where c.owner_id = t.owner_id
                              and c.other_id = t.source_id)))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
