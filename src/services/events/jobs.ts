import { z } from "zod";
import type { Deps } from "../deps.ts";
import { REMINDER_JOB } from "./create.ts";
import { notifyEventMany } from "./notify.ts";
import { CHANGED_JOB } from "./update.ts";

const reminderPayload = z.object({ eventId: z.string(), startsAt: z.string() });
const changedPayload = z.object({
  eventId: z.string(),
  actorId: z.string(),
  change: z.enum(["changed", "cancelled"]),
});

/** The reminder 24 h before: to everyone going or maybe, unless the event moved or was cancelled since. */
export async function sendReminder(deps: Deps, payload: unknown): Promise<void> {
  const { eventId, startsAt } = reminderPayload.parse(payload);
  const event = await deps.db
    .selectFrom("events")
    .select(["organiser_id", "starts_at", "status"])
    .where("id", "=", eventId)
    .executeTakeFirst();
  if (!event || event.status === "cancelled" || event.starts_at !== startsAt) return;
  if (deps.clock.now().toISOString() >= event.starts_at) return;
  const recipients = await deps.db
    .selectFrom("event_rsvps")
    .select("actor_id")
    .where("event_id", "=", eventId)
    .where("status", "in", ["going", "maybe"])
    .execute();
  await notifyEventMany(deps, {
    recipientIds: recipients.map((r) => r.actor_id),
    kind: "event_reminder",
    actorId: event.organiser_id,
    eventId,
  });
}

/**
 * A change or a cancellation, told to everyone who answered (not those who said they can't go or were
 * refused); a cancellation also to everyone invited.
 */
export async function sendChange(deps: Deps, payload: unknown): Promise<void> {
  const { eventId, actorId, change } = changedPayload.parse(payload);
  const answered = await deps.db
    .selectFrom("event_rsvps")
    .select("actor_id")
    .where("event_id", "=", eventId)
    .where("status", "not in", ["declined", "refused"])
    .execute();
  const invited =
    change === "cancelled"
      ? await deps.db
          .selectFrom("event_invitations")
          .select("invitee_id as actor_id")
          .where("event_id", "=", eventId)
          .execute()
      : [];
  const organisers = await deps.db
    .selectFrom("event_organisers")
    .select("actor_id")
    .where("event_id", "=", eventId)
    .execute();
  const recipients = new Set([...answered, ...invited, ...organisers].map((r) => r.actor_id));
  await notifyEventMany(deps, {
    recipientIds: [...recipients],
    kind: change === "cancelled" ? "event_cancelled" : "event_changed",
    actorId,
    eventId,
  });
}

/** Registered in src/services/jobs/handlers.ts. */
export const eventsJobs: Record<string, (deps: Deps, payload: unknown) => Promise<void>> = {
  [REMINDER_JOB]: sendReminder,
  [CHANGED_JOB]: sendChange,
};
