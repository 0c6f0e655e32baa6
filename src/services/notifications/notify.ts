import type { Kysely } from "kysely";
import type { Database, NotificationKind } from "../../db/schema.ts";
import type { Deps } from "../deps.ts";
import { forgetBadges } from "./badges.ts";

type Writer = Pick<Deps, "newId" | "clock"> & { db: Kysely<Database> };

/**
 * Adds a notification, unless the recipient blocked or muted the person who caused it (mute hides
 * without telling) or turned its kind off. Runs inside the caller's transaction, so the notice exists only
 * if the action does. Returns whether it was added.
 */
export async function notify(
  deps: Writer,
  notice: { recipientId: string; kind: NotificationKind; actorId: string; subjectId?: string | null },
): Promise<boolean> {
  if (notice.recipientId === notice.actorId) return false;
  const silenced = await deps.db
    .selectFrom("mutes")
    .select("owner_id")
    .where("owner_id", "=", notice.recipientId)
    .where("target_id", "=", notice.actorId)
    .union((eb) =>
      eb
        .selectFrom("blocks")
        .select("owner_id")
        .where("owner_id", "=", notice.recipientId)
        .where("target_id", "=", notice.actorId),
    )
    // Per-type preferences (settings): a kind the recipient turned off is not added.
    .union((eb) =>
      eb
        .selectFrom("notification_opt_outs")
        .select("account_id as owner_id")
        .where("account_id", "=", notice.recipientId)
        .where("kind", "=", notice.kind),
    )
    .executeTakeFirst();
  if (silenced) return false;
  await deps.db
    .insertInto("notifications")
    .values({
      id: deps.newId(),
      recipient_id: notice.recipientId,
      kind: notice.kind,
      actor_id: notice.actorId,
      subject_id: notice.subjectId ?? null,
      created_at: deps.clock.now().toISOString(),
      read_at: null,
    })
    .execute();
  forgetBadges(notice.recipientId);
  return true;
}
