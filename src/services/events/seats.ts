import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { RsvpStatus } from "../../db/schema-events.ts";
import { NotFound } from "../../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { notifyEvent } from "./notify.ts";

type Tx = Pick<Deps, "newId" | "clock"> & { db: Kysely<Database> };

export interface LockedEvent {
  id: string;
  organiserId: string;
  capacity: number | null;
  goingCount: number;
  approval: boolean;
  /** This write's place in line (the event's bumped rsvp_seq). */
  seq: number;
}

/**
 * The first statement of every RSVP transaction: bumps the event's rsvp_seq and reads the seat
 * figures in one UPDATE … RETURNING. On PostgreSQL it takes the event row's lock, so concurrent
 * answers to one event run one after the other and each sees the seats the previous one left; on
 * SQLite it makes the transaction a writer from its first statement (one writer at a time). The seat
 * rule is then simple arithmetic on figures nobody else can change until commit.
 */
export async function lockEvent(tx: Kysely<Database>, eventId: string): Promise<LockedEvent> {
  const row = await tx
    .updateTable("events")
    .set((eb) => ({ rsvp_seq: eb("rsvp_seq", "+", 1) }))
    .where("id", "=", eventId)
    .returning(["id", "organiser_id", "capacity", "going_count", "approval", "rsvp_seq"])
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return {
    id: row.id,
    organiserId: row.organiser_id,
    capacity: row.capacity,
    goingCount: Number(row.going_count),
    approval: Number(row.approval) === 1,
    seq: Number(row.rsvp_seq),
  };
}

/**
 * Takes a seat if one is free: a conditional UPDATE on the counter, so even without the lock above
 * the count could never pass the capacity. Returns whether a seat was taken.
 */
export async function takeSeat(tx: Kysely<Database>, event: LockedEvent): Promise<boolean> {
  const result = await tx
    .updateTable("events")
    .set((eb) => ({ going_count: eb("going_count", "+", 1) }))
    .where("id", "=", event.id)
    .where((eb) => eb.or([eb("capacity", "is", null), eb("going_count", "<", eb.ref("capacity"))]))
    .executeTakeFirst();
  const taken = Number(result.numUpdatedRows) === 1;
  if (taken) event.goingCount += 1;
  return taken;
}

export async function releaseSeat(tx: Kysely<Database>, event: LockedEvent): Promise<void> {
  await tx
    .updateTable("events")
    .set((eb) => ({ going_count: eb("going_count", "-", 1) }))
    .where("id", "=", event.id)
    .where("going_count", ">", 0)
    .execute();
  event.goingCount = Math.max(0, event.goingCount - 1);
}

/**
 * Fills free seats from the waitlist, first come first served (queued_seq), each promoted person
 * notified. Runs inside the transaction that freed the seats, after lockEvent.
 */
export async function promoteWaitlist(deps: Tx, event: LockedEvent): Promise<string[]> {
  const promoted: string[] = [];
  const free = event.capacity === null ? Number.POSITIVE_INFINITY : event.capacity - event.goingCount;
  if (free <= 0) return promoted;
  const waiting = await deps.db
    .selectFrom("event_rsvps")
    .select("actor_id")
    .where("event_id", "=", event.id)
    .where("status", "=", "waitlist")
    .orderBy("queued_seq")
    .limit(Number.isFinite(free) ? free : 1000)
    .execute();
  const now = deps.clock.now().toISOString();
  for (const { actor_id } of waiting) {
    if (!(await takeSeat(deps.db, event))) break;
    await deps.db
      .updateTable("event_rsvps")
      .set({ status: "going", updated_at: now })
      .where("event_id", "=", event.id)
      .where("actor_id", "=", actor_id)
      .execute();
    await notifyEvent(deps, {
      recipientId: actor_id,
      kind: "event_promoted",
      actorId: event.organiserId,
      eventId: event.id,
    });
    promoted.push(actor_id);
  }
  return promoted;
}

/** Removes someone's answer (their seat freed and given to the next in line). */
export async function dropAnswer(deps: Tx, event: LockedEvent, actorId: string): Promise<RsvpStatus | null> {
  const row = await deps.db
    .deleteFrom("event_rsvps")
    .where("event_id", "=", event.id)
    .where("actor_id", "=", actorId)
    .returning("status")
    .executeTakeFirst();
  if (row?.status === "going") {
    await releaseSeat(deps.db, event);
    await promoteWaitlist(deps, event);
  }
  return row?.status ?? null;
}
