import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import type { Relation } from "../../domain/profile.ts";
import type { Deps, Viewer } from "../deps.ts";

export interface RelationView {
  relation: Relation;
  /** The owner blocked the viewer: the owner's content is hidden from them, as if absent. */
  blockedByOwner: boolean;
  /** The viewer blocked the owner. */
  blockedByViewer: boolean;
}

/** On every profile a member views: compiled once. */
const relationQuery = prepared(2, (db: Kysely<Database>, me: string, actorId: string) =>
  db.selectNoFrom((eb) => [
    eb
      .exists(
        eb
          .selectFrom("connections")
          .select("owner_id")
          .where("owner_id", "=", me)
          .where("other_id", "=", actorId),
      )
      .as("connected"),
    eb
      .exists(
        eb
          .selectFrom("blocks")
          .select("owner_id")
          .where("owner_id", "=", actorId)
          .where("target_id", "=", me),
      )
      .as("blocked_by_owner"),
    eb
      .exists(
        eb
          .selectFrom("blocks")
          .select("owner_id")
          .where("owner_id", "=", me)
          .where("target_id", "=", actorId),
      )
      .as("blocked_by_viewer"),
  ]),
);

/** How the viewer stands towards another actor, in one query. */
export async function relationOf(
  deps: Pick<Deps, "db">,
  viewer: Viewer | null,
  actorId: string,
): Promise<RelationView> {
  if (!viewer) return { relation: "anonymous", blockedByOwner: false, blockedByViewer: false };
  if (viewer.accountId === actorId)
    return { relation: "self", blockedByOwner: false, blockedByViewer: false };
  const [row] = await relationQuery(deps.db, viewer.accountId, actorId);
  if (!row) throw new Error("a select without FROM returns one row");
  const blockedByOwner = Boolean(row.blocked_by_owner);
  const blockedByViewer = Boolean(row.blocked_by_viewer);
  const connected = Boolean(row.connected) && !blockedByOwner && !blockedByViewer;
  return { relation: connected ? "connection" : "member", blockedByOwner, blockedByViewer };
}
