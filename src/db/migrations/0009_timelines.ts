import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * Timelines and search: the per-person home timeline written by the fan-out job (and who is active
 * enough to get one), the indexes the timelines read in order, and full-text search — FTS5 virtual
 * tables kept in sync by triggers on SQLite, GIN indexes over `to_tsvector` on PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;

  await db.schema
    .createTable("home_timeline")
    .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("entry_id", "text", (c) => c.notNull())
    .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("source_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("home_timeline_pk", ["owner_id", "entry_id"])
    // SQLite: the rows live in the primary key's b-tree (a page is one range of it, no second lookup).
    .$call((b) => (sqlite ? b.modifyEnd(sql`without rowid`) : b))
    .execute();
  // One entry per post and owner (a boost of a post already there adds nothing); also what deleting a
  // post cascades through.
  await db.schema
    .createIndex("home_timeline_post")
    .on("home_timeline")
    .columns(["post_id", "owner_id"])
    .unique()
    .execute();

  await db.schema
    .createTable("home_timeline_state")
    .addColumn("owner_id", "text", (c) => c.primaryKey().references("actors.id").onDelete("cascade"))
    .addColumn("seen_at", "text", (c) => c.notNull())
    .addColumn("rebuilt_at", "text", (c) => c.notNull())
    .execute();

  // Fan-out on read, rebuilds and the connections timeline: a person's thread roots, newest first,
  // with what the visibility rule needs, without touching the table. (Not a partial index on
  // "parent_id is null": SQLite's planner, without statistics, would then prefer posts_parent.)
  await db.schema
    .createIndex("posts_roots_by_author")
    .on("posts")
    .columns(["author_id", "parent_id", "id", "visibility"])
    .execute();
  // The instance's public timeline.
  await db.schema
    .createIndex("posts_public_roots")
    .on("posts")
    .column("id")
    .where(sql.ref("visibility"), "=", "public")
    .where(sql.ref("parent_id"), "is", null)
    .execute();
  // "Did this person follow or connect with anyone since their timeline was built?": one seek each.
  await db.schema
    .createIndex("follows_follower_accepted")
    .on("follows")
    .columns(["follower_id", "accepted_at"])
    .execute();
  await db.schema
    .createIndex("connections_owner_created")
    .on("connections")
    .columns(["owner_id", "created_at"])
    .execute();
  // Boosts by the people someone follows, newest first.
  await db.schema.createIndex("boosts_actor_id").on("boosts").columns(["actor_id", "id"]).execute();

  if (sqlite) {
    // External-content FTS5 tables: the text stays in posts/actors; triggers keep the index in step.
    await sql`create virtual table posts_fts using fts5(body, content='posts', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    );
    await sql`create trigger posts_fts_insert after insert on posts begin
      insert into posts_fts(rowid, body) values (new.rowid, new.body);
    end`.execute(db);
    await sql`create trigger posts_fts_delete after delete on posts begin
      insert into posts_fts(posts_fts, rowid, body) values ('delete', old.rowid, old.body);
    end`.execute(db);
    await sql`create trigger posts_fts_update after update of body on posts begin
      insert into posts_fts(posts_fts, rowid, body) values ('delete', old.rowid, old.body);
      insert into posts_fts(rowid, body) values (new.rowid, new.body);
    end`.execute(db);
    await sql`insert into posts_fts(posts_fts) values ('rebuild')`.execute(db);

    await sql`create virtual table people_fts using fts5(handle, display_name, headline, content='actors', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    );
    await sql`create trigger people_fts_insert after insert on actors begin
      insert into people_fts(rowid, handle, display_name, headline)
        values (new.rowid, new.handle, new.display_name, new.headline);
    end`.execute(db);
    await sql`create trigger people_fts_delete after delete on actors begin
      insert into people_fts(people_fts, rowid, handle, display_name, headline)
        values ('delete', old.rowid, old.handle, old.display_name, old.headline);
    end`.execute(db);
    await sql`create trigger people_fts_update after update of handle, display_name, headline on actors begin
      insert into people_fts(people_fts, rowid, handle, display_name, headline)
        values ('delete', old.rowid, old.handle, old.display_name, old.headline);
      insert into people_fts(rowid, handle, display_name, headline)
        values (new.rowid, new.handle, new.display_name, new.headline);
    end`.execute(db);
    await sql`insert into people_fts(people_fts) values ('rebuild')`.execute(db);
  } else {
    // The same expressions must appear in the queries (src/services/search) for the planner to use them.
    await sql`create index posts_search on posts using gin (to_tsvector('simple', body))`.execute(db);
    await sql`create index actors_search on actors using gin (to_tsvector('simple', handle || ' ' || display_name || ' ' || headline))`.execute(
      db,
    );
  }
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
