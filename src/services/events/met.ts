import { Invalid, NotFound } from "../../domain/errors.ts";
import { utcToLocal } from "../../domain/events/time.ts";
import { isMetWindowOpen, MET_WINDOW_MS } from "../../domain/events/windows.ts";
import { sendConnectionRequest } from "../connections/request.ts";
import { createContact } from "../contacts/create.ts";
import type { Deps, Viewer } from "../deps.ts";
import type { Person } from "../graph/find.ts";
import { type EventRow, loadEvent } from "./access.ts";

export interface MetPerson extends Person {
  state: "connected" | "requested" | "none";
}

export interface MetHere {
  event: EventRow;
  /** The event's day in its own zone (YYYY-MM-DD): "met at … on …". */
  day: string;
  /** When the list stops being offered. */
  closesAt: string;
  people: MetPerson[];
}

/**
 * "People you met here": for someone who checked in, the others who did, offered during the 72 hours
 * after the event (RELATIONSHIPS.md §4). NotFound for anyone else, or outside the window.
 */
export async function peopleMetAt(deps: Deps, viewer: Viewer, eventId: string): Promise<MetHere> {
  const { event } = await loadEvent(deps.db, viewer, eventId);
  const me = viewer.accountId;
  if (!isMetWindowOpen({ startsAt: event.starts_at, endsAt: event.ends_at }, deps.clock.now()))
    throw new NotFound();
  const mine = await deps.db
    .selectFrom("event_checkins")
    .select("actor_id")
    .where("event_id", "=", eventId)
    .where("actor_id", "=", me)
    .executeTakeFirst();
  if (!mine) throw new NotFound();
  const rows = await deps.db
    .selectFrom("event_checkins as c")
    .innerJoin("actors as a", "a.id", "c.actor_id")
    .select(["a.id", "a.handle", "a.display_name", "a.avatar_key"])
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom("connections")
            .select("owner_id")
            .where("owner_id", "=", me)
            .whereRef("other_id", "=", "a.id"),
        )
        .as("connected"),
      eb
        .exists(
          eb
            .selectFrom("connection_requests")
            .select("id")
            .where("sender_id", "=", me)
            .whereRef("recipient_id", "=", "a.id")
            .where("status", "in", ["pending", "ignored", "declined"]),
        )
        .as("requested"),
    ])
    .where("c.event_id", "=", eventId)
    .where("c.actor_id", "!=", me)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("blocks")
            .select("owner_id")
            .where((w) =>
              w.or([
                w.and([w("owner_id", "=", me), w("target_id", "=", w.ref("a.id"))]),
                w.and([w("owner_id", "=", w.ref("a.id")), w("target_id", "=", me)]),
              ]),
            ),
        ),
      ),
    )
    .orderBy("a.display_name")
    .execute();
  return {
    event,
    day: utcToLocal(event.starts_at, event.time_zone).slice(0, 10),
    closesAt: new Date(new Date(event.ends_at).getTime() + MET_WINDOW_MS).toISOString(),
    people: rows.map((r) => ({
      id: r.id,
      handle: r.handle,
      displayName: r.display_name,
      avatarKey: r.avatar_key,
      state: r.connected ? "connected" : r.requested ? "requested" : "none",
    })),
  };
}

async function metPerson(deps: Deps, viewer: Viewer, eventId: string, otherId: string) {
  const met = await peopleMetAt(deps, viewer, eventId);
  const person = met.people.find((p) => p.id === otherId);
  if (!person) throw new NotFound();
  return { met, person };
}

/**
 * One tap: a connection request to someone met here, "how we met" filled with the event and its day
 * (source "event", the event recorded on the request and, once accepted, on the connection).
 */
export async function connectFromEvent(
  deps: Deps,
  viewer: Viewer,
  eventId: string,
  otherId: string,
  input: { note?: string | undefined },
): Promise<{ status: "sent" | "connected"; handle: string }> {
  const { met, person } = await metPerson(deps, viewer, eventId, otherId);
  if (person.state === "connected") throw Invalid.field("", "error.connection.already");
  const { status } = await sendConnectionRequest(
    deps,
    viewer,
    otherId,
    { note: input.note ?? "", metWhere: met.event.title.slice(0, 200), metOn: met.day },
    { source: "event", eventId },
  );
  return { status, handle: person.handle };
}

/** A private note about someone met here, kept as an offline contact with where and when you met. */
export async function noteFromEvent(
  deps: Deps,
  viewer: Viewer,
  eventId: string,
  otherId: string,
  input: { notes?: string | undefined },
): Promise<{ contactId: string }> {
  const { met, person } = await metPerson(deps, viewer, eventId, otherId);
  const { id } = await createContact(deps, viewer, {
    name: person.displayName,
    metWhere: met.event.title.slice(0, 200),
    metOn: met.day,
    notes: input.notes ?? "",
    links: `@${person.handle} ${deps.config.publicUrl}/@${person.handle}`,
  });
  return { contactId: id };
}
