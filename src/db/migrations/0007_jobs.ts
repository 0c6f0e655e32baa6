import { type Kysely, sql } from "kysely";

/**
 * The durable job queue: work that need not block a request (fan-out, notifications, thumbnails,
 * imports, exports, reminders, decay). A job is claimed by setting `locked_until`; a crashed worker's
 * claim simply expires. `key` keeps at most one pending job per key (partial unique index).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("key", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("jobs_due").on("jobs").columns(["status", "run_at"]).execute();
  await db.schema
    .createIndex("jobs_one_pending_per_key")
    .on("jobs")
    .column("key")
    .unique()
    .where(sql.ref("status"), "=", "pending")
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
