import { createHmac, timingSafeEqual } from "node:crypto";
import { Invalid } from "../../domain/errors.ts";
import { isCheckinOpen } from "../../domain/events/windows.ts";
import type { Deps, Viewer } from "../deps.ts";
import type { Person } from "../graph/find.ts";
import { recordMutualFact } from "../ledger/record.ts";
import { type EventRow, loadAsOrganiser, loadEvent } from "./access.ts";

/** A check-in code lasts one minute and is accepted for two more (a slow scan, a clock a little off). */
export const CODE_SLOT_MS = 60_000;
const SLOTS_ACCEPTED = 3;

export function checkinCode(event: Pick<EventRow, "id" | "checkin_secret">, slot: number): string {
  return createHmac("sha256", event.checkin_secret)
    .update(`${event.id}:${slot}`)
    .digest("base64url")
    .slice(0, 22);
}

function validCode(event: EventRow, code: string, now: Date): boolean {
  const slot = Math.floor(now.getTime() / CODE_SLOT_MS);
  const given = Buffer.from(code);
  for (let i = 0; i < SLOTS_ACCEPTED; i++) {
    const expected = Buffer.from(checkinCode(event, slot - i));
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  return false;
}

const window = (e: EventRow) => ({ startsAt: e.starts_at, endsAt: e.ends_at });

/**
 * The code an organiser shows on site, as a link to scan; it changes every minute (a photo of it is
 * soon useless). Showing it checks the organiser in: they are there.
 */
export async function currentCheckinCode(
  deps: Deps,
  viewer: Viewer,
  eventId: string,
): Promise<{ url: string; validUntil: string }> {
  const { event } = await loadAsOrganiser(deps.db, viewer, eventId);
  const now = deps.clock.now();
  if (event.status === "cancelled" || !isCheckinOpen(window(event), now))
    throw Invalid.field("", "error.event.checkinClosed");
  await checkInRow(deps, event, viewer.accountId, "page");
  const slot = Math.floor(now.getTime() / CODE_SLOT_MS);
  return {
    url: `${deps.config.publicUrl}/events/${eventId}/checkin?code=${checkinCode(event, slot)}`,
    validUntil: new Date((slot + 1) * CODE_SLOT_MS).toISOString(),
  };
}

/** Writes the check-in and, for each person already there, a co-attendance fact in both ledgers. */
async function checkInRow(
  deps: Deps,
  event: EventRow,
  actorId: string,
  method: "code" | "page",
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto("event_checkins")
      .values({ event_id: event.id, actor_id: actorId, method, checked_in_at: now.toISOString() })
      .onConflict((oc) => oc.columns(["event_id", "actor_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    const others = await tx
      .selectFrom("event_checkins")
      .select("actor_id")
      .where("event_id", "=", event.id)
      .where("actor_id", "!=", actorId)
      .execute();
    for (const other of others) {
      await recordMutualFact({ ...deps, db: tx }, actorId, other.actor_id, {
        kind: "meetup_coattended",
        channel: "meetup",
        at: now,
        source: { type: "event_checkin", id: event.id },
      });
    }
    return true;
  });
}

/**
 * Checks the viewer in, during the event's window, if they hold a seat (or organise it): from the
 * scanned code (which must be current) or from the event page.
 */
export async function checkIn(
  deps: Deps,
  viewer: Viewer,
  eventId: string,
  options: { code?: string | undefined } = {},
): Promise<{ already: boolean }> {
  const { event, access, myRsvp } = await loadEvent(deps.db, viewer, eventId);
  const now = deps.clock.now();
  if (event.status === "cancelled" || !isCheckinOpen(window(event), now))
    throw Invalid.field("", "error.event.checkinClosed");
  if (!access?.organiser && myRsvp?.status !== "going") throw Invalid.field("", "error.event.checkinNoSeat");
  if (options.code !== undefined && !validCode(event, options.code, now))
    throw Invalid.field("", "error.event.checkinCode");
  const added = await checkInRow(deps, event, viewer.accountId, options.code !== undefined ? "code" : "page");
  return { already: !added };
}

/** Who checked in, for the organisers: the earliest first. */
export async function whoIsThere(
  deps: Deps,
  viewer: Viewer,
  eventId: string,
): Promise<(Person & { checkedInAt: string })[]> {
  await loadAsOrganiser(deps.db, viewer, eventId);
  const rows = await deps.db
    .selectFrom("event_checkins as c")
    .innerJoin("actors as a", "a.id", "c.actor_id")
    .select(["a.id", "a.handle", "a.display_name", "a.avatar_key", "c.checked_in_at"])
    .where("c.event_id", "=", eventId)
    .orderBy("c.checked_in_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    handle: r.handle,
    displayName: r.display_name,
    avatarKey: r.avatar_key,
    checkedInAt: r.checked_in_at,
  }));
}
