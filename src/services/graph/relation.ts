import type { Relation } from "../../domain/profile.ts";
import type { Deps, Viewer } from "../deps.ts";

/**
 * How the viewer stands towards another actor. Mutual connections arrive with the connections
 * feature; until then a signed-in viewer is a member of the instance, and that is all.
 */
export async function relationOf(
  _deps: Pick<Deps, "db">,
  viewer: Viewer | null,
  actorId: string,
): Promise<Relation> {
  if (!viewer) return "anonymous";
  if (viewer.accountId === actorId) return "self";
  return "member";
}
