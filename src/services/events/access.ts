import type { Kysely, Selectable } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import type { EventsTable, RsvpStatus } from "../../db/schema-events.ts";
import { NotFound } from "../../domain/errors.ts";
import { canSeeEvent, type EventAccess } from "../../domain/events/visibility.ts";
import type { Viewer } from "../deps.ts";

export type EventRow = Selectable<EventsTable>;

export interface LoadedEvent {
  event: EventRow;
  /** null: signed out. */
  access: EventAccess | null;
  myRsvp: { status: RsvpStatus; message: string } | null;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** On every event page and action: compiled once (its tree cost more to build than to run). */
const eventQuery = prepared(2, (db: Kysely<Database>, me: string, eventId: string) =>
  db
    .selectFrom("events as e")
    .selectAll("e")
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom("event_organisers as o")
            .select("o.actor_id")
            .whereRef("o.event_id", "=", "e.id")
            .where("o.actor_id", "=", me),
        )
        .as("co_organiser"),
      eb
        .exists(
          eb
            .selectFrom("event_invitations as i")
            .select("i.invitee_id")
            .whereRef("i.event_id", "=", "e.id")
            .where("i.invitee_id", "=", me),
        )
        .as("invited"),
      eb
        .selectFrom("event_rsvps as r")
        .select("r.status")
        .whereRef("r.event_id", "=", "e.id")
        .where("r.actor_id", "=", me)
        .as("my_status"),
      eb
        .selectFrom("event_rsvps as r")
        .select("r.message")
        .whereRef("r.event_id", "=", "e.id")
        .where("r.actor_id", "=", me)
        .as("my_message"),
      eb
        .exists(
          eb
            .selectFrom("connections as c")
            .select("c.owner_id")
            .where("c.owner_id", "=", me)
            .whereRef("c.other_id", "=", "e.organiser_id"),
        )
        .as("connected"),
      eb
        .exists(
          eb
            .selectFrom("blocks as b")
            .select("b.owner_id")
            .where((w) =>
              w.or([
                w.and([w("b.owner_id", "=", me), w("b.target_id", "=", w.ref("e.organiser_id"))]),
                w.and([w("b.owner_id", "=", w.ref("e.organiser_id")), w("b.target_id", "=", me)]),
              ]),
            ),
        )
        .as("blocked"),
    ])
    .where("e.id", "=", eventId),
);

/**
 * The event and how the viewer stands towards it, in one query; NotFound unless the visibility rule
 * lets them see it — the same answer as for an event that does not exist.
 */
export async function loadEvent(
  db: Kysely<Database>,
  viewer: Pick<Viewer, "accountId"> | null,
  eventId: string,
): Promise<LoadedEvent> {
  if (!ID.test(eventId)) throw new NotFound();
  const me = viewer?.accountId ?? "";
  const [row] = await eventQuery(db, me, eventId);
  if (!row) throw new NotFound();
  const { co_organiser, invited, my_status, my_message, connected, blocked, ...event } = row;
  const access: EventAccess | null = viewer
    ? {
        organiser: event.organiser_id === me || Boolean(co_organiser),
        invited: Boolean(invited),
        answered: my_status !== null && my_status !== undefined,
        connectedToOrganiser: Boolean(connected),
        blockedWithOrganiser: Boolean(blocked),
      }
    : null;
  if (!canSeeEvent(event.visibility, access)) throw new NotFound();
  return {
    event,
    access,
    myRsvp: my_status ? { status: my_status as RsvpStatus, message: my_message ?? "" } : null,
  };
}

/** The event, for one of its organisers only (anyone else: NotFound if they cannot see it, else Forbidden). */
export async function loadAsOrganiser(
  db: Kysely<Database>,
  viewer: Viewer,
  eventId: string,
): Promise<LoadedEvent> {
  const loaded = await loadEvent(db, viewer, eventId);
  if (!loaded.access?.organiser) throw new NotFound();
  return loaded;
}
