import type { Kysely } from "kysely";

/**
 * Public profile tags (interests and skills shown to everyone), one row each, lower-cased: what
 * "people you may know" and search look people up by. Tags a person shows to fewer people are not here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("profile_tags")
    .addColumn("actor_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("profile_tags_pk", ["actor_id", "tag"])
    .execute();
  await db.schema.createIndex("profile_tags_tag").on("profile_tags").columns(["tag", "actor_id"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
