import type { Kysely } from "kysely";

/** Tables of the imports area (being written). */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
