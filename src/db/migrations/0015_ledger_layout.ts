import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * The ledger stored by tie (issue 6: recomputing an owner with 200,000 facts read them from all over
 * a rowid table, one page per fact). On SQLite `interactions` becomes a WITHOUT ROWID table whose
 * primary key is the "one fact per kind, per tie, per day" rule ordered (owner, other, day, kind,
 * initiator): an owner's facts, and each tie's, lie together in key order, and the old unique index
 * is the key itself. The id stays unique; (owner, time) stays for the report. On PostgreSQL, whose
 * tables are heaps, the rows are clustered once on the same rule's index (new rows append; the bench
 * engine is SQLite). Rows are copied as they are.
 *
 * Also an index on ties (owner, last meetup): today's suggestions look for meetups of the last 72 h,
 * which read every tie of the owner without it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("ties_owner_meetup")
    .on("ties")
    .columns(["owner_id", "last_meetup_at"])
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Kysely runs a PostgreSQL migration in a transaction already.
    await sql`cluster interactions using interactions_one_per_day`.execute(db);
    await sql`analyze interactions`.execute(db);
    return;
  }
  // SQLite migrations do not run in a transaction: the copy and the swap are one.
  await db.transaction().execute(async (tx) => {
    await tx.schema
      .createTable("interactions_by_tie")
      .addColumn("id", "text", (c) => c.notNull())
      .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
      .addColumn("other_key", "text", (c) => c.notNull())
      .addColumn("other_actor_id", "text", (c) => c.references("actors.id").onDelete("set null"))
      .addColumn("other_contact_id", "text")
      .addColumn("initiator", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("channel", "text", (c) => c.notNull())
      .addColumn("occurred_at", "text", (c) => c.notNull())
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("source_type", "text", (c) => c.notNull())
      .addColumn("source_id", "text")
      .addColumn("note", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("interactions_pk", ["owner_id", "other_key", "day", "kind", "initiator"])
      .modifyEnd(sql`without rowid`)
      .execute();
    await sql`insert into interactions_by_tie
      (id, owner_id, other_key, other_actor_id, other_contact_id, initiator, kind, channel, occurred_at,
       day, source_type, source_id, note, created_at)
      select id, owner_id, other_key, other_actor_id, other_contact_id, initiator, kind, channel,
       occurred_at, day, source_type, source_id, note, created_at
      from interactions order by owner_id, other_key, day, kind, initiator`.execute(tx);
    await tx.schema.dropTable("interactions").execute();
    await sql`alter table interactions_by_tie rename to interactions`.execute(tx);
    await tx.schema.createIndex("interactions_id").on("interactions").column("id").unique().execute();
    await tx.schema
      .createIndex("interactions_owner_time")
      .on("interactions")
      .columns(["owner_id", "occurred_at"])
      .execute();
  });
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
