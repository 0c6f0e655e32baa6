import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Deps } from "../deps.ts";
import { forgetBadges } from "../notifications/badges.ts";
import { notify } from "../notifications/notify.ts";

/** Notifications of the events area; their subject is the event (the page links to it). */
export const EVENT_NOTIFICATION_KINDS = [
  "event_invited",
  "event_promoted",
  "event_approved",
  "event_refused",
  "event_request",
  "event_answer",
  "event_reminder",
  "event_changed",
  "event_cancelled",
] as const;
export type EventNotificationKind = (typeof EVENT_NOTIFICATION_KINDS)[number];

type Writer = Pick<Deps, "newId" | "clock"> & { db: Kysely<Database> };

export function notifyEvent(
  deps: Writer,
  notice: { recipientId: string; kind: EventNotificationKind; actorId: string; eventId: string },
): Promise<boolean> {
  return notify(deps, {
    recipientId: notice.recipientId,
    kind: notice.kind,
    actorId: notice.actorId,
    subjectId: notice.eventId,
  });
}

/**
 * One notification to each recipient in two statements (who is not muting or blocking the actor nor
 * has turned the kind off, then one insert), for the fan-outs: reminders, changes, cancellations.
 */
export async function notifyEventMany(
  deps: Writer,
  notice: { recipientIds: string[]; kind: EventNotificationKind; actorId: string; eventId: string },
): Promise<number> {
  const candidates = notice.recipientIds.filter((id) => id !== notice.actorId);
  if (candidates.length === 0) return 0;
  const silenced = new Set(
    (
      await deps.db
        .selectFrom("mutes")
        .select("owner_id")
        .where("owner_id", "in", candidates)
        .where("target_id", "=", notice.actorId)
        .union((eb) =>
          eb
            .selectFrom("blocks")
            .select("owner_id")
            .where("owner_id", "in", candidates)
            .where("target_id", "=", notice.actorId),
        )
        // As notify() does: a kind turned off in the settings is not added.
        .union((eb) =>
          eb
            .selectFrom("notification_opt_outs")
            .select("account_id as owner_id")
            .where("account_id", "in", candidates)
            .where("kind", "=", notice.kind),
        )
        .execute()
    ).map((r) => r.owner_id),
  );
  const now = deps.clock.now().toISOString();
  const rows = candidates
    .filter((id) => !silenced.has(id))
    .map((recipientId) => ({
      id: deps.newId(),
      recipient_id: recipientId,
      kind: notice.kind,
      actor_id: notice.actorId,
      subject_id: notice.eventId,
      created_at: now,
      read_at: null,
    }));
  for (let i = 0; i < rows.length; i += 500) {
    await deps.db
      .insertInto("notifications")
      .values(rows.slice(i, i + 500))
      .execute();
  }
  forgetBadges(rows.map((r) => r.recipient_id));
  return rows.length;
}

/** Someone loses access to an event: what they were told about it goes too. */
export async function forgetEventNotifications(
  db: Kysely<Database>,
  recipientId: string,
  eventId: string,
): Promise<void> {
  await db
    .deleteFrom("notifications")
    .where("recipient_id", "=", recipientId)
    .where("subject_id", "=", eventId)
    .where("kind", "in", [...EVENT_NOTIFICATION_KINDS])
    .execute();
  forgetBadges(recipientId);
}
