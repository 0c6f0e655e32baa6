import type { Kysely } from "kysely";
import type { Database, NotificationKind } from "../../db/schema.ts";
import type { Deps } from "../deps.ts";
import { forgetBadges } from "./badges.ts";

type Writer = Pick<Deps, "newId" | "clock"> & { db: Kysely<Database> };

/**
 * Adds a notification, unless the recipient blocked or muted the person who caused it (mute hides
 * without telling) or turned its kind off, or still has the same one unread (same person, kind and
 * subject: undoing and redoing a boost or a reaction tells the author once). Runs inside the caller's
 * transaction, so the notice exists only if the action does. Returns whether it was added.
 */
export async function notify(
  deps: Writer,
  notice: { recipientId: string; kind: NotificationKind; actorId: string; subjectId?: string | null },
): Promise<boolean> {
  if (notice.recipientId === notice.actorId) return false;
  const subjectId = notice.subjectId ?? null;
  let skip = deps.db
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
    );
  // The same notice, still unread (index notifications_subject). One without a subject says too
  // little to be folded into another.
  if (subjectId !== null)
    skip = skip.union((eb) =>
      eb
        .selectFrom("notifications")
        .select("recipient_id as owner_id")
        .where("subject_id", "=", subjectId)
        .where("recipient_id", "=", notice.recipientId)
        .where("actor_id", "=", notice.actorId)
        .where("kind", "=", notice.kind)
        .where("read_at", "is", null),
    );
  if (await skip.executeTakeFirst()) return false;
  await deps.db
    .insertInto("notifications")
    .values({
      id: deps.newId(),
      recipient_id: notice.recipientId,
      kind: notice.kind,
      actor_id: notice.actorId,
      subject_id: subjectId,
      created_at: deps.clock.now().toISOString(),
      read_at: null,
    })
    .execute();
  forgetBadges(notice.recipientId);
  return true;
}
