import type { Deps, Viewer } from "../deps.ts";
import { POST_NOTIFICATION_KINDS } from "../posts/notification-kinds.ts";
import { whereVisibleTo } from "../posts/visible.ts";
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

/**
 * Marks as read the viewer's unread notifications that the list never shows (list.ts): from someone
 * they blocked, or about a post they may no longer see. Opened, the list has nothing more to show of
 * them, and the badge must not count them for ever.
 */
export async function markUnlistedRead(deps: Pick<Deps, "db" | "clock">, viewer: Viewer): Promise<void> {
  const { numUpdatedRows } = await deps.db
    .updateTable("notifications as n")
    .set({ read_at: deps.clock.now().toISOString() })
    .where("n.recipient_id", "=", viewer.accountId)
    .where("n.read_at", "is", null)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("blocks")
            .select("owner_id")
            .where("owner_id", "=", viewer.accountId)
            .whereRef("target_id", "=", "n.actor_id"),
        ),
        eb.and([
          eb("n.kind", "in", POST_NOTIFICATION_KINDS),
          eb.not(
            eb.exists(
              eb
                .selectFrom("posts as sp")
                .select("sp.id")
                .whereRef("sp.id", "=", "n.subject_id")
                .where(whereVisibleTo(viewer.accountId, "sp")),
            ),
          ),
        ]),
      ]),
    )
    .executeTakeFirst();
  if (Number(numUpdatedRows) > 0) forgetBadges(viewer.accountId);
}
