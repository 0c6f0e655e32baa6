import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * `actor_activity`: for each person, the id of the newest thread root they wrote and of the newest
 * boost they made, kept by triggers on `posts` and `boosts` (whatever writes them: the app, an import,
 * federation).
 *
 * A timeline computed from the posts (a rebuild, a page older than the stored entries) reads each
 * window of time with an index seek per person followed, into an index of every post (600 MB on the
 * bench network), and another into the boosts. Most people followed wrote nothing in a window of a
 * few days, and most never boost: a small table, read once, says whom to skip.
 *
 * Each id is at least the newest one (it only grows: a deleted post leaves it where it is), so a
 * person whose id is older than a window has nothing in it. A person without a row may have
 * anything, and is read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite migrations do not run in a transaction: the table, its triggers and its rows are one.
  if (db.getExecutor().adapter instanceof PostgresAdapter) await create(db, true);
  else await db.transaction().execute((tx) => create(tx, false));
}

async function create(db: Kysely<unknown>, postgres: boolean): Promise<void> {
  await db.schema
    .createTable("actor_activity")
    .addColumn("actor_id", "text", (c) => c.primaryKey().references("actors.id").onDelete("cascade"))
    .addColumn("newest_root_id", "text")
    .addColumn("newest_boost_id", "text")
    .$call((t) => (postgres ? t : t.modifyEnd(sql`without rowid`)))
    .execute();
  const newer = (column: string) =>
    postgres
      ? `greatest(actor_activity.${column}, excluded.${column})`
      : `max(coalesce(${column}, ''), excluded.${column})`;
  const upserts = {
    root: `insert into actor_activity (actor_id, newest_root_id) values (new.author_id, new.id)
      on conflict (actor_id) do update set newest_root_id = ${newer("newest_root_id")}`,
    boost: `insert into actor_activity (actor_id, newest_boost_id) values (new.actor_id, new.id)
      on conflict (actor_id) do update set newest_boost_id = ${newer("newest_boost_id")}`,
  };
  if (postgres) {
    await sql
      .raw(`create function note_newest_root() returns trigger language plpgsql as $$
        begin ${upserts.root}; return null; end $$`)
      .execute(db);
    await sql
      .raw(`create function note_newest_boost() returns trigger language plpgsql as $$
        begin ${upserts.boost}; return null; end $$`)
      .execute(db);
    await sql`create trigger actor_activity_root after insert on posts
      for each row when (new.parent_id is null) execute function note_newest_root()`.execute(db);
    await sql`create trigger actor_activity_boost after insert on boosts
      for each row execute function note_newest_boost()`.execute(db);
  } else {
    await sql
      .raw(`create trigger actor_activity_root after insert on posts when new.parent_id is null begin
        ${upserts.root}; end`)
      .execute(db);
    await sql
      .raw(`create trigger actor_activity_boost after insert on boosts begin ${upserts.boost}; end`)
      .execute(db);
  }
  // What is there already: the newest root of each author (from the index by author), then boosts.
  await sql`insert into actor_activity (actor_id, newest_root_id)
    select author_id, max(id) from posts where parent_id is null group by author_id`.execute(db);
  await sql`insert into actor_activity (actor_id, newest_boost_id)
    select actor_id, max(id) from boosts where true group by actor_id
    on conflict (actor_id) do update set newest_boost_id = excluded.newest_boost_id`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
