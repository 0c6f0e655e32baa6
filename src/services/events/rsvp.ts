import { z } from "zod";
import type { RsvpStatus } from "../../db/schema-events.ts";
import { Invalid, NotFound } from "../../domain/errors.ts";
import { canAnswer } from "../../domain/events/visibility.ts";
import { hasEnded } from "../../domain/events/windows.ts";
import type { Deps, Viewer } from "../deps.ts";
import { parseInput } from "../validate.ts";
import { loadEvent } from "./access.ts";
import { notifyEvent } from "./notify.ts";
import { lockEvent, promoteWaitlist, releaseSeat, takeSeat } from "./seats.ts";

export const MAX_RSVP_MESSAGE = 500;

const schema = z.object({
  answer: z.enum(["going", "maybe", "declined"], { error: "error.event.answer" }),
  message: z.string().trim().max(MAX_RSVP_MESSAGE, "error.tooLong").default(""),
});

/** Answers that keep their place in line when "going" is said again. */
const QUEUED: ReadonlySet<RsvpStatus> = new Set(["going", "waitlist", "pending"]);

/**
 * Going, maybe or can't go, with an optional message to the organiser. "Going" takes a free seat, or
 * joins the waitlist when the event is full, or asks the organiser in approval mode. Leaving a seat
 * gives it to the first person waiting. Capacity holds under any number of concurrent answers:
 * see lockEvent.
 */
export async function answerEvent(
  deps: Deps,
  viewer: Viewer,
  eventId: string,
  input: { answer?: string | undefined; message?: string | undefined },
): Promise<{ status: RsvpStatus; promoted: string[] }> {
  const data = parseInput(schema, input);
  const { event, access } = await loadEvent(deps.db, viewer, eventId);
  if (!canAnswer(event.visibility, access)) {
    if (access?.organiser) throw Invalid.field("", "error.event.organiserAnswer");
    throw new NotFound();
  }
  if (event.status === "cancelled") throw Invalid.field("", "error.event.cancelled");
  if (hasEnded({ startsAt: event.starts_at, endsAt: event.ends_at }, deps.clock.now()))
    throw Invalid.field("", "error.event.ended");

  const me = viewer.accountId;
  return deps.db.transaction().execute(async (tx) => {
    const txDeps = { ...deps, db: tx };
    const locked = await lockEvent(tx, eventId);
    const current = await tx
      .selectFrom("event_rsvps")
      .select(["status", "queued_seq"])
      .where("event_id", "=", eventId)
      .where("actor_id", "=", me)
      .executeTakeFirst();
    const before = current?.status ?? null;
    let status: RsvpStatus;
    let promoted: string[] = [];
    if (data.answer === "going") {
      if (before === "refused") throw Invalid.field("", "error.event.refused");
      if (before && QUEUED.has(before)) status = before;
      else if (locked.approval) status = "pending";
      else status = (await takeSeat(tx, locked)) ? "going" : "waitlist";
    } else {
      status = data.answer;
      if (before === "refused") throw Invalid.field("", "error.event.refused");
    }
    const now = deps.clock.now().toISOString();
    const seq = before === status ? (current?.queued_seq ?? locked.seq) : locked.seq;
    if (current) {
      await tx
        .updateTable("event_rsvps")
        .set({ status, message: data.message, queued_seq: seq, updated_at: now })
        .where("event_id", "=", eventId)
        .where("actor_id", "=", me)
        .execute();
    } else {
      await tx
        .insertInto("event_rsvps")
        .values({
          event_id: eventId,
          actor_id: me,
          status,
          message: data.message,
          queued_seq: seq,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    if (before === "going" && status !== "going") {
      await releaseSeat(tx, locked);
      promoted = await promoteWaitlist(txDeps, locked);
    }
    if (status === "pending" && before !== "pending") {
      await notifyEvent(txDeps, {
        recipientId: event.organiser_id,
        kind: "event_request",
        actorId: me,
        eventId,
      });
    } else if (data.message && before !== status) {
      await notifyEvent(txDeps, {
        recipientId: event.organiser_id,
        kind: "event_answer",
        actorId: me,
        eventId,
      });
    }
    return { status, promoted };
  });
}
