import type { Kysely } from "kysely";

/**
 * The indexes that look posts up by thread, parent or event hold only the posts that have one. As full
 * indexes, `root_id IS NULL` (every thread root: 3.5M of the 5M posts on the bench network) looked
 * like a lookup of a few rows to a planner with statistics: a person's profile then read every thread
 * root instead of that person's posts (2.6 s a page). A lookup by value (`root_id = ?`) still uses
 * them; a filter on NULL never can.
 */
const NULLABLE = [
  { name: "posts_thread", columns: ["root_id", "created_at"] },
  { name: "posts_parent", columns: ["parent_id"] },
  { name: "posts_event", columns: ["event_id", "created_at"] },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { name, columns } of NULLABLE) {
    await db.schema.dropIndex(name).execute();
    await db.schema
      .createIndex(name)
      .on("posts")
      .columns([...columns])
      .where(columns[0], "is not", null)
      .execute();
  }
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
