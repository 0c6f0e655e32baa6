import { Invalid } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { enqueue } from "../jobs/queue.ts";
import { parseInput } from "../validate.ts";
import { loadAsOrganiser } from "./access.ts";
import { forgetCover, storeCover } from "./cover.ts";
import { reminderJob } from "./create.ts";
import { type EventInput, eventColumns, eventSchema } from "./fields.ts";
import { lockEvent, promoteWaitlist } from "./seats.ts";

export const CHANGED_JOB = "events.changed";

/** Tells everyone who answered that an event changed, once per burst of edits (one pending job per event). */
export function changedJob(eventId: string, actorId: string, change: "changed" | "cancelled") {
  return {
    kind: CHANGED_JOB,
    payload: { eventId, actorId, change },
    key: `${CHANGED_JOB}:${eventId}:${change}`,
  };
}

/**
 * Edits one event (one occurrence of a series only). Raising the capacity promotes people waiting;
 * lowering it under the seats taken is refused. Attendees are told, the reminder follows a new time.
 */
export async function updateEvent(
  deps: Deps,
  viewer: Viewer,
  eventId: string,
  input: EventInput,
  cover: Uint8Array | null = null,
): Promise<void> {
  const { event } = await loadAsOrganiser(deps.db, viewer, eventId);
  if (event.status === "cancelled") throw Invalid.field("", "error.event.cancelled");
  const data = parseInput(eventSchema, input);
  const columns = eventColumns(data);
  const newCover = cover && cover.byteLength > 0;
  if ((newCover || event.cover_key) && !data.coverAlt)
    throw Invalid.field("coverAlt", "error.event.coverAlt");
  const coverKey = newCover ? await storeCover(deps, cover) : event.cover_key;
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    const txDeps = { ...deps, db: tx };
    const locked = await lockEvent(tx, eventId);
    if (columns.capacity !== null && columns.capacity < locked.goingCount)
      throw Invalid.field("capacity", "error.event.capacityBelowGoing", { count: locked.goingCount });
    await tx
      .updateTable("events")
      .set((eb) => ({
        ...columns,
        cover_key: coverKey,
        cover_alt: coverKey ? data.coverAlt : "",
        cover_credit: coverKey ? data.coverCredit : "",
        sequence: eb("sequence", "+", 1),
        updated_at: now,
      }))
      .where("id", "=", eventId)
      .execute();
    locked.capacity = columns.capacity;
    await promoteWaitlist(txDeps, locked);
    await enqueue(txDeps, changedJob(eventId, viewer.accountId, "changed"));
    if (columns.starts_at !== event.starts_at)
      await enqueue(
        txDeps,
        reminderJob({ id: eventId, starts_at: columns.starts_at, ends_at: columns.ends_at }),
      );
  });
  if (newCover && event.cover_key !== coverKey) await forgetCover(deps, event.cover_key);
}

/** Removes the cover image of one event. */
export async function removeEventCover(deps: Deps, viewer: Viewer, eventId: string): Promise<void> {
  const { event } = await loadAsOrganiser(deps.db, viewer, eventId);
  await deps.db
    .updateTable("events")
    .set({ cover_key: null, cover_alt: "", cover_credit: "", updated_at: deps.clock.now().toISOString() })
    .where("id", "=", eventId)
    .execute();
  await forgetCover(deps, event.cover_key);
}

/** Cancels one event (one occurrence): it stays visible, marked cancelled, and everyone concerned is told. */
export async function cancelEvent(deps: Deps, viewer: Viewer, eventId: string): Promise<void> {
  const { event } = await loadAsOrganiser(deps.db, viewer, eventId);
  if (event.status === "cancelled") return;
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("events")
      .set((eb) => ({
        status: "cancelled",
        sequence: eb("sequence", "+", 1),
        updated_at: deps.clock.now().toISOString(),
      }))
      .where("id", "=", eventId)
      .execute();
    await enqueue({ ...deps, db: tx }, changedJob(eventId, viewer.accountId, "cancelled"));
  });
}
