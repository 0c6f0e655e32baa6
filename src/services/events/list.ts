import { type Kysely, type Selectable, sql } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";
import type { EventsTable, RsvpStatus } from "../../db/schema-events.ts";
import type { Deps, Viewer } from "../deps.ts";
import { eventVisibleTo } from "./visible.ts";

export const LIST_SIZE = 30;
/** Upcoming events shown on a profile. */
const PROFILE_EVENTS = 5;

export type EventCard = Pick<
  Selectable<EventsTable>,
  | "id"
  | "title"
  | "starts_at"
  | "ends_at"
  | "time_zone"
  | "place"
  | "city"
  | "online_url"
  | "status"
  | "visibility"
> & { organiserHandle: string; organiserName: string; myStatus: RsvpStatus | null };

export interface EventLists {
  mine: EventCard[];
  network: EventCard[];
  instance: EventCard[];
  past: EventCard[];
}

export interface Filters {
  city?: string | undefined;
  /** YYYY-MM-DD: events ending on or after this day (UTC). */
  from?: string | undefined;
}

function base(deps: Pick<Deps, "db">, viewerId: string | null) {
  return deps.db
    .selectFrom("events as e")
    .innerJoin("actors as a", "a.id", "e.organiser_id")
    .select([
      "e.id",
      "e.title",
      "e.starts_at",
      "e.ends_at",
      "e.time_zone",
      "e.place",
      "e.city",
      "e.online_url",
      "e.status",
      "e.visibility",
      "a.handle",
      "a.display_name",
    ])
    .select((eb) =>
      eb
        .selectFrom("event_rsvps as r")
        .select("r.status")
        .whereRef("r.event_id", "=", "e.id")
        .where("r.actor_id", "=", viewerId ?? "")
        .as("my_status"),
    )
    .where(eventVisibleTo(viewerId));
}

type Row = Awaited<ReturnType<ReturnType<typeof base>["execute"]>>[number];

const card = ({ handle, display_name, my_status, ...r }: Row): EventCard => ({
  ...r,
  organiserHandle: handle,
  organiserName: display_name,
  myStatus: (my_status as RsvpStatus | null) ?? null,
});

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The events page: my upcoming events (organised or answered), upcoming events of my connections and
 * of people I follow, the instance's public events (filtered by city text and date), my past events.
 * Every list goes through the visibility rule's SQL twin.
 */
export async function listEvents(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
  filters: Filters = {},
): Promise<EventLists> {
  const now = deps.clock.now().toISOString();
  const me = viewer?.accountId ?? null;
  const from =
    filters.from && /^\d{4}-\d{2}-\d{2}$/.test(filters.from) ? `${filters.from}T00:00:00.000Z` : now;
  let instance = base(deps, me)
    .where("e.visibility", "=", "public")
    .where("e.ends_at", ">=", [from, now].sort()[1] ?? now);
  const city = filters.city?.trim().toLowerCase();
  if (city) {
    const pattern = `%${escapeLike(city)}%`;
    instance = instance.where((eb) =>
      eb.or([
        eb(sql`lower(e.city)`, "like", sql`${pattern} escape '\\'`),
        eb(sql`lower(e.place)`, "like", sql`${pattern} escape '\\'`),
      ]),
    );
  }
  const mineOf = (id: string) =>
    base(deps, id).where((eb) =>
      eb.or([
        eb("e.organiser_id", "=", id),
        eb.exists(
          eb
            .selectFrom("event_organisers as o")
            .select("o.actor_id")
            .whereRef("o.event_id", "=", "e.id")
            .where("o.actor_id", "=", id),
        ),
        eb.exists(
          eb
            .selectFrom("event_rsvps as r")
            .select("r.actor_id")
            .whereRef("r.event_id", "=", "e.id")
            .where("r.actor_id", "=", id)
            .where("r.status", "in", ["going", "maybe", "waitlist", "pending"]),
        ),
      ]),
    );
  const [mine, network, publicEvents, past] = await Promise.all([
    me ? mineOf(me).where("e.ends_at", ">=", now).orderBy("e.starts_at").limit(LIST_SIZE).execute() : [],
    me
      ? base(deps, me)
          .where("e.ends_at", ">=", now)
          .where("e.organiser_id", "!=", me)
          .where((eb) =>
            eb.or([
              eb(
                "e.organiser_id",
                "in",
                eb.selectFrom("connections").select("other_id").where("owner_id", "=", me),
              ),
              eb(
                "e.organiser_id",
                "in",
                eb
                  .selectFrom("follows")
                  .select("followee_id")
                  .where("follower_id", "=", me)
                  .where("status", "=", "accepted"),
              ),
            ]),
          )
          .orderBy("e.starts_at")
          .limit(LIST_SIZE)
          .execute()
      : [],
    instance.orderBy("e.starts_at").limit(LIST_SIZE).execute(),
    me
      ? mineOf(me).where("e.ends_at", "<", now).orderBy("e.starts_at", "desc").limit(LIST_SIZE).execute()
      : [],
  ]);
  return {
    mine: mine.map(card),
    network: network.map(card),
    instance: publicEvents.map(card),
    past: past.map(card),
  };
}

/** A person's upcoming events that the viewer may see, for the profile page. */
export async function profileEvents(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
  actorId: string,
): Promise<EventCard[]> {
  const now = deps.clock.now().toISOString();
  // Most people organise nothing: one index seek spares their profile the visibility rule.
  if ((await anyUpcomingEvent(deps.db, actorId, now)).length === 0) return [];
  const query = viewer ? profileEventsSignedIn : profileEventsAnonymous;
  const rows = await query(deps.db, viewer?.accountId ?? "", actorId, now);
  return rows.map(card);
}

const anyUpcomingEvent = prepared(2, (db: Kysely<Database>, actorId: string, now: string) =>
  db
    .selectFrom("events")
    .select("id")
    .where("organiser_id", "=", actorId)
    .where("ends_at", ">=", now)
    .limit(1),
);

/** On every profile view: compiled once per shape (signed in or not). */
function profileEventsQuery(signedIn: boolean) {
  return prepared(3, (db: Kysely<Database>, viewerId: string, actorId: string, now: string) =>
    base({ db }, signedIn ? viewerId : null)
      .where("e.organiser_id", "=", actorId)
      .where("e.ends_at", ">=", now)
      .orderBy("e.starts_at")
      .limit(PROFILE_EVENTS),
  );
}
const profileEventsSignedIn = profileEventsQuery(true);
const profileEventsAnonymous = profileEventsQuery(false);
