import type { Kysely } from "kysely";

/**
 * Fan-out on read (a home page past the stored entries, a rebuild) reads each followed person's
 * newest thread roots with their audience, which the visibility rule needs: the index now holds it,
 * so those rows are read from the index alone instead of one table lookup each (measured on the
 * bench network: a rebuild's read of 400 entries, p50 14 -> 8 ms). It replaces the index it extends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("posts_roots_by_author_covering")
    .on("posts")
    .columns(["author_id", "parent_id", "id", "visibility", "audience_id"])
    .execute();
  await db.schema.dropIndex("posts_roots_by_author").execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
