import type { Kysely } from "kysely";

/** One-way follows between actors (local or remote); pending while a locked account decides. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("follows")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("follower_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("followee_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("uri", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addUniqueConstraint("follows_pair", ["follower_id", "followee_id"])
    .execute();
  await db.schema
    .createIndex("follows_followee")
    .on("follows")
    .columns(["followee_id", "status", "created_at"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
