import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * `home_timeline` loses its index by post (`home_timeline_post`, post then owner) and, with it, the
 * foreign key to `posts` that cascaded through it.
 *
 * A rebuild writes a person's 400 entries next to each other in the table, but each also went into
 * that index at its post, somewhere else in it: a leaf of its own per entry, in an index as large as
 * the table (on the bench network, a returning person's rebuild spent about half of its writing
 * there). What the index did is now done from the people who may hold an entry, by the table's key:
 * - one entry per post and owner: the fan-out of a boost skips the people who already hold the post
 *   (src/services/timelines/fanout.ts);
 * - deleting a post takes its entries out of the timelines of its author's and boosters' audiences
 *   (src/services/timelines/forget-post.ts), a few timelines at a time once the post is gone;
 * - anything left over (an entry written as its post was deleted) is dropped when a page meets it
 *   (src/services/timelines/page.ts), as a boost taken back already was.
 *
 * On SQLite a foreign key cannot be dropped: the table is copied into one without it, in its key's
 * order, and the triggers that move a timeline's version on a removed entry are made again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index home_timeline_post`.execute(db);
    await sql`alter table home_timeline drop constraint home_timeline_post_id_fkey`.execute(db);
    return;
  }
  // SQLite migrations do not run in a transaction: the copy and the swap are one.
  await db.transaction().execute(async (tx) => {
    await tx.schema
      .createTable("home_timeline_by_owner")
      .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
      .addColumn("entry_id", "text", (c) => c.notNull())
      .addColumn("post_id", "text", (c) => c.notNull())
      .addColumn("source_id", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("home_timeline_pk", ["owner_id", "entry_id"])
      .modifyEnd(sql`without rowid`)
      .execute();
    await sql`insert into home_timeline_by_owner (owner_id, entry_id, post_id, source_id)
      select owner_id, entry_id, post_id, source_id from home_timeline order by owner_id, entry_id`.execute(
      tx,
    );
    // Dropping the table drops its index and its triggers.
    await tx.schema.dropTable("home_timeline").execute();
    await sql`alter table home_timeline_by_owner rename to home_timeline`.execute(tx);
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
