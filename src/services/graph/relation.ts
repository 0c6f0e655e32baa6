import type { Relation } from "../../domain/profile.ts";
import type { Deps, Viewer } from "../deps.ts";

export interface RelationView {
  relation: Relation;
  /** The owner blocked the viewer: the owner's content is hidden from them, as if absent. */
  blockedByOwner: boolean;
  /** The viewer blocked the owner. */
  blockedByViewer: boolean;
}

/** How the viewer stands towards another actor, in one query. */
export async function relationOf(
  deps: Pick<Deps, "db">,
  viewer: Viewer | null,
  actorId: string,
): Promise<RelationView> {
  if (!viewer) return { relation: "anonymous", blockedByOwner: false, blockedByViewer: false };
  if (viewer.accountId === actorId)
    return { relation: "self", blockedByOwner: false, blockedByViewer: false };
  const me = viewer.accountId;
  const row = await deps.db
    .selectNoFrom((eb) => [
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
    ])
    .executeTakeFirstOrThrow();
  const blockedByOwner = Boolean(row.blocked_by_owner);
  const blockedByViewer = Boolean(row.blocked_by_viewer);
  const connected = Boolean(row.connected) && !blockedByOwner && !blockedByViewer;
  return { relation: connected ? "connection" : "member", blockedByOwner, blockedByViewer };
}
