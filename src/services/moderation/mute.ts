import { Invalid } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { forgetBadges } from "../notifications/badges.ts";
import { forgetBroughtBy } from "../timelines/prune.ts";
import { rebuildHomeTimeline } from "../timelines/rebuild.ts";

/** Mutes someone: their notifications and requests stop reaching you; they are not told. */
export async function mute(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  targetId: string,
): Promise<void> {
  if (viewer.accountId === targetId) throw Invalid.field("", "error.mute.self");
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto("mutes")
      .values({ owner_id: viewer.accountId, target_id: targetId, created_at: deps.clock.now().toISOString() })
      .onConflict((oc) => oc.columns(["owner_id", "target_id"]).doNothing())
      .execute();
    await forgetBroughtBy(tx, viewer.accountId, targetId);
  });
  forgetBadges(viewer.accountId);
}

/** Unmutes someone; what they brought to the home timeline meanwhile comes back (it is rebuilt). */
export async function unmute(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  targetId: string,
): Promise<void> {
  const { numDeletedRows } = await deps.db
    .deleteFrom("mutes")
    .where("owner_id", "=", viewer.accountId)
    .where("target_id", "=", targetId)
    .executeTakeFirst();
  if (numDeletedRows > 0n) await rebuildHomeTimeline(deps, viewer.accountId);
  forgetBadges(viewer.accountId);
}

export async function isMuted(deps: Pick<Deps, "db">, viewer: Viewer, targetId: string): Promise<boolean> {
  const row = await deps.db
    .selectFrom("mutes")
    .select("owner_id")
    .where("owner_id", "=", viewer.accountId)
    .where("target_id", "=", targetId)
    .executeTakeFirst();
  return row !== undefined;
}
