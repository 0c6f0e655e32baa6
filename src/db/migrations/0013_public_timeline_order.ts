import type { Kysely } from "kysely";

/**
 * The public timeline reads public thread roots newest first. The partial index of 0009 was not used:
 * SQLite cannot prove a partial index's condition from a bound parameter, and without statistics it
 * took posts_parent and sorted every thread root (300–450 ms on the 10k-account bench network). An
 * ordinary index on (visibility, parent_id, id) serves the query in order (4–6 ms).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("posts_public_order")
    .on("posts")
    .columns(["visibility", "parent_id", "id"])
    .execute();
  await db.schema.dropIndex("posts_public_roots").execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
