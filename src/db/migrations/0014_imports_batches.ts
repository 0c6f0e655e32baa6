import type { Kysely } from "kysely";

/**
 * Imports staged and committed in bounded batches (issue #7 performance): facts that arrive for a
 * person staged earlier (messages of a connection) get their own rows, one JSON array per person and
 * piece of file, written as the files stream instead of held in memory until the end; and the contacts an import creates are listed while its commit runs in
 * several transactions, so that a failed or interrupted commit can be undone before it is retried.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("import_facts")
    .addColumn("import_id", "text", (c) => c.notNull().references("imports.id").onDelete("cascade"))
    .addColumn("person_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("facts", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("import_facts_person")
    .on("import_facts")
    .columns(["import_id", "person_id", "seq"])
    .execute();

  await db.schema
    .createTable("import_contacts")
    .addColumn("import_id", "text", (c) => c.notNull().references("imports.id").onDelete("cascade"))
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("import_contacts_pk", ["import_id", "contact_id"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
