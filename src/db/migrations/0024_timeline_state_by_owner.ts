import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * On SQLite, `home_timeline_state` becomes a WITHOUT ROWID table stored in the order of its key, the
 * owner. A fan-out moves the version of its recipients' timelines in ascending owner order
 * (src/services/timelines/touch.ts); in a rowid table, the rows lie in the order they were made, so
 * each owner's row was on a page of its own: 0.92 pages written (and copied back by the checkpoints)
 * per recipient, on top of the entry's own page. Stored by owner, consecutive recipients share pages:
 * 0.09 per recipient (measured on the bench network, 10,000 recipients, 40 a transaction). The
 * fan-out's read of who is active (a lookup by owner per follower) also reads one b-tree instead of
 * an index then the table.
 *
 * On PostgreSQL, a heap whose version updates stay on their page (no index holds the version), there
 * is nothing to change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  // SQLite migrations do not run in a transaction: the copy and the swap are one.
  await db.transaction().execute(async (tx) => {
    // The triggers that move the version on a removed entry name the table: made again after the swap.
    await sql`drop trigger home_timeline_state_version_update`.execute(tx);
    await sql`drop trigger home_timeline_state_version_delete`.execute(tx);
    await tx.schema
      .createTable("home_timeline_state_by_owner")
      .addColumn("owner_id", "text", (c) =>
        c.primaryKey().notNull().references("actors.id").onDelete("cascade"),
      )
      .addColumn("seen_at", "text", (c) => c.notNull())
      .addColumn("rebuilt_at", "text", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
      .modifyEnd(sql`without rowid`)
      .execute();
    await sql`insert into home_timeline_state_by_owner (owner_id, seen_at, rebuilt_at, version)
      select owner_id, seen_at, rebuilt_at, version from home_timeline_state order by owner_id`.execute(tx);
    await tx.schema.dropTable("home_timeline_state").execute();
    await sql`alter table home_timeline_state_by_owner rename to home_timeline_state`.execute(tx);
    for (const [event, row] of [
      ["update", "new"],
      ["delete", "old"],
    ] as const)
      await sql
        .raw(
          `create trigger home_timeline_state_version_${event} after ${event} on home_timeline begin
            update home_timeline_state set version = version + 1 where owner_id = ${row}.owner_id;
          end`,
        )
        .execute(tx);
  });
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
