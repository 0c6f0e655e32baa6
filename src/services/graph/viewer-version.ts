import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";

const versionQuery = prepared(1, (db: Kysely<Database>, viewerId: string) =>
  db.selectFrom("actors").select(["marks_version", "graph_version"]).where("id", "=", viewerId),
);

/**
 * Where a member stands (migration 0018_versions): their own marks on posts, and their ties — follows,
 * connections and requests, blocks, mutes, event invitations, answers and check-ins. With what a page
 * shows of others, the version of a page kept for them. One read by primary key.
 */
export async function viewerVersion(db: Kysely<Database>, viewerId: string): Promise<string> {
  const [row] = await versionQuery(db, viewerId);
  return row ? `${row.marks_version}.${row.graph_version}` : "";
}
