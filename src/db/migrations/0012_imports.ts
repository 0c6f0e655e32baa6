import type { Kysely } from "kysely";

/**
 * Imports (a staging area reviewed before anything reaches contacts and the ledger), the source ids
 * remembered per contact, exports, and account deletions. Everything hangs off `actors` with
 * ON DELETE CASCADE, so deleting an account removes its imports and exports too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("imports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("file_key", "text")
    .addColumn("file_size", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("progress_done", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("progress_total", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("error_code", "text")
    .addColumn("error_file", "text")
    .addColumn("summary", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("committed_at", "text")
    .execute();
  await db.schema.createIndex("imports_owner").on("imports").columns(["owner_id", "created_at"]).execute();

  await db.schema
    .createTable("import_people")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("import_id", "text", (c) => c.notNull().references("imports.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_key", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("facts", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("contact_id", "text", (c) => c.references("contacts.id").onDelete("set null"))
    .addColumn("actor_id", "text", (c) => c.references("actors.id").onDelete("set null"))
    .addColumn("match_reason", "text")
    .addColumn("match_accepted", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex("import_people_order")
    .on("import_people")
    .columns(["import_id", "position"])
    .execute();

  await db.schema
    .createTable("import_merges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("import_id", "text", (c) => c.notNull().references("imports.id").onDelete("cascade"))
    .addColumn("a_id", "text", (c) => c.notNull())
    .addColumn("b_id", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("accepted", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("import_merges_import")
    .on("import_merges")
    .columns(["import_id", "id"])
    .execute();

  await db.schema
    .createTable("contact_sources")
    .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_key", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
    .addColumn("import_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_sources_pk", ["owner_id", "source", "source_key"])
    .execute();
  await db.schema.createIndex("contact_sources_contact").on("contact_sources").column("contact_id").execute();

  await db.schema
    .createTable("exports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("file_key", "text")
    .addColumn("size", "bigint")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("expires_at", "text")
    .execute();
  await db.schema.createIndex("exports_owner").on("exports").columns(["owner_id", "created_at"]).execute();

  await db.schema
    .createTable("account_deletions")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("actors.id").onDelete("cascade"))
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("purge_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("account_deletions_due").on("account_deletions").column("purge_at").execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
