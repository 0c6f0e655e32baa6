import type { Kysely } from "kysely";

/**
 * The people someone follows, as a home timeline read or a rebuild loads them (`loadSources`): the
 * index holds the followee and the status, so they are one range of the index instead of a table
 * lookup per follow, each on a different page of a large table. Measured on the bench network, for
 * 200 readers of a home timeline: p50 0.27 -> 0.19 ms, p99 1.7 -> 1.15 ms with a warm cache, and
 * 0.50 -> 0.34 ms at the first read. The mirror of 0021 (the followers of someone).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("follows_follower_followee")
    .on("follows")
    .columns(["follower_id", "status", "followee_id"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
