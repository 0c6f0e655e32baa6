import type { Deps, Viewer } from "../deps.ts";
import { forgetBadges } from "./badges.ts";

/**
 * Marks as read the viewer's notifications among `ids` (the ones a page just showed); older pages keep
 * theirs until they are shown. Another person's ids change nothing.
 */
export async function markNotificationsRead(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await deps.db
    .updateTable("notifications")
    .set({ read_at: deps.clock.now().toISOString() })
    .where("recipient_id", "=", viewer.accountId)
    .where("id", "in", ids)
    .where("read_at", "is", null)
    .execute();
  forgetBadges(viewer.accountId);
}

/** Marks every notification of the viewer as read ("Mark all as read"). */
export async function markAllNotificationsRead(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
): Promise<void> {
  await deps.db
    .updateTable("notifications")
    .set({ read_at: deps.clock.now().toISOString() })
    .where("recipient_id", "=", viewer.accountId)
    .where("read_at", "is", null)
    .execute();
  forgetBadges(viewer.accountId);
}
