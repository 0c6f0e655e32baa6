import type { Kysely } from "kysely";

/**
 * `pending_media`: images a person chose in the composer that passed their own checks while the form
 * as a whole was refused (a missing alt text elsewhere, a poll with one choice…). They are processed
 * and stored already, kept for their owner, shown again in the form, and become the post's images
 * (same id, same files) when it is published; a job removes those not used after a day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("pending_media")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("thumb_key", "text", (c) => c.notNull())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("thumb_width", "integer", (c) => c.notNull())
    .addColumn("thumb_height", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("pending_media_account").on("pending_media").column("account_id").execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
