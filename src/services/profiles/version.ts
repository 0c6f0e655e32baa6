import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import { normalizeHandle } from "../../domain/handles.ts";

const versionQuery = prepared(2, (db: Kysely<Database>, viewerId: string, handle: string) =>
  db
    .selectFrom("actors as o")
    .innerJoin("actors as v", (join) => join.on("v.id", "=", viewerId))
    .select(["o.content_version", "v.marks_version", "v.graph_version"])
    .where("o.handle", "=", handle)
    .where("o.domain", "is", null),
);

/**
 * Where a local profile stands for this viewer (migration 0018_versions): what its owner shows
 * (profile, posts and their cards, events), the viewer's own marks on posts, and how the viewer stands
 * with others — the owner included. Null when no local profile has this handle. One statement.
 */
export async function profileVersion(
  db: Kysely<Database>,
  viewerId: string,
  handle: string,
): Promise<string | null> {
  const [row] = await versionQuery(db, viewerId, normalizeHandle(handle));
  return row ? `${row.content_version}.${row.marks_version}.${row.graph_version}` : null;
}
