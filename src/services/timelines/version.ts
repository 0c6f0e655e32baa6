import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";

const versionQuery = prepared(1, (db: Kysely<Database>, ownerId: string) =>
  db
    .selectFrom("actors")
    .select(["timeline_version", "marks_version", "graph_version"])
    .where("id", "=", ownerId),
);

/**
 * Where a member's home timeline stands (migration 0018_versions): its stored entries (a post fanned
 * out to it, deleted, trimmed), their own marks on posts, and whom they follow, are connected with or
 * mute. A page kept under it changes at once with any of these; what others do to the posts it shows
 * (their reactions, an edit) shows when the page is drawn again, within the page cache's seconds.
 * One read by primary key.
 */
export async function homeVersion(db: Kysely<Database>, ownerId: string): Promise<string> {
  const [row] = await versionQuery(db, ownerId);
  return row ? `${row.timeline_version}.${row.marks_version}.${row.graph_version}` : "";
}
