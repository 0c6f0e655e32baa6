import type { Kysely } from "kysely";
import { prepared } from "../db/prepared.ts";
import type { Database } from "../db/schema.ts";

const viewerQuery = prepared(1, (db: Kysely<Database>, actorId: string) =>
  db.selectFrom("actors").select(["marks_version", "graph_version"]).where("id", "=", actorId),
);

/**
 * Where a member stands: their own marks on posts, and their ties — follows, connections and
 * requests, blocks, mutes, event invitations, answers and check-ins (migration 0018_versions). With
 * what a page shows of others, the version of a page kept for them. One read by primary key.
 */
export async function viewerVersion(db: Kysely<Database>, actorId: string): Promise<string> {
  const [row] = await viewerQuery(db, actorId);
  return row ? `${row.marks_version}.${row.graph_version}` : "";
}

const homeQuery = prepared(1, (db: Kysely<Database>, actorId: string) =>
  db
    .selectFrom("actors as a")
    .leftJoin("home_timeline_state as s", "s.owner_id", "a.id")
    .select(["s.version as timeline_version", "a.marks_version", "a.graph_version"])
    .where("a.id", "=", actorId),
);

/**
 * Where a member's home timeline stands: its stored entries (a post fanned out to it, deleted,
 * trimmed; migration 0019), their own marks, and whom they follow, are connected with or mute. A page
 * kept under it changes at once with any of these; what others do to the posts it shows (their
 * reactions, an edit) shows when the page is drawn again, within the page cache's seconds. Two reads
 * by primary key, in one statement.
 */
export async function homeVersion(db: Kysely<Database>, actorId: string): Promise<string> {
  const [row] = await homeQuery(db, actorId);
  return row ? `${row.timeline_version ?? "-"}.${row.marks_version}.${row.graph_version}` : "";
}
