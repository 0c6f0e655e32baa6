import type { RsvpStatus } from "../../db/schema-events.ts";
import { hasEnded, isCheckinOpen, isMetWindowOpen } from "../../domain/events/windows.ts";
import type { Deps, Viewer } from "../deps.ts";
import type { Person } from "../graph/find.ts";
import { type EventRow, type LoadedEvent, loadEvent } from "./access.ts";

/** The page shows this many people going; the attendees page shows everyone. */
export const ATTENDEES_SHOWN = 30;

export interface Answer extends Person {
  status: RsvpStatus;
  message: string;
}

export interface EventView {
  event: EventRow;
  organiser: Person;
  coOrganisers: Person[];
  isOrganiser: boolean;
  isCreator: boolean;
  myRsvp: { status: RsvpStatus; message: string } | null;
  /** 1-based place in the waitlist. */
  waitlistPosition: number | null;
  counts: Record<"going" | "maybe" | "waitlist" | "pending", number>;
  going: Person[];
  /** Organisers only: requests waiting for approval, and answers carrying a message. */
  requests: Answer[];
  messages: Answer[];
  checkedIn: boolean;
  checkinOpen: boolean;
  metWindowOpen: boolean;
  ended: boolean;
}

const person = (r: {
  id: string;
  handle: string;
  display_name: string;
  avatar_key: string | null;
}): Person => ({
  id: r.id,
  handle: r.handle,
  displayName: r.display_name,
  avatarKey: r.avatar_key,
});

/** What the event page shows everyone who may see the event: the same for every viewer. */
export interface EventFacts {
  organiser: Person;
  coOrganisers: Person[];
  counts: Record<"going" | "maybe" | "waitlist" | "pending", number>;
  going: Person[];
}

/** What only this viewer sees: their answer, place in the waitlist, check-in, organiser's lists. */
export type ViewerSide = Omit<EventView, "event" | keyof EventFacts>;

/** Everything the event page shows the viewer (NotFound for anyone the visibility rule keeps out). */
export async function readEvent(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
  eventId: string,
): Promise<EventView> {
  const loaded = await loadEvent(deps.db, viewer, eventId);
  const [facts, side] = await Promise.all([eventFacts(deps, loaded.event), viewerSide(deps, viewer, loaded)]);
  return { event: loaded.event, ...facts, ...side };
}

/** The organisers, the answers' counts and the first people going, of an event already loaded. */
export async function eventFacts(deps: Pick<Deps, "db">, event: EventRow): Promise<EventFacts> {
  const eventId = event.id;
  const [organisers, counts, going] = await Promise.all([
    deps.db
      .selectFrom("actors as a")
      .select(["a.id", "a.handle", "a.display_name", "a.avatar_key"])
      .where((eb) =>
        eb.or([
          eb("a.id", "=", event.organiser_id),
          eb(
            "a.id",
            "in",
            eb.selectFrom("event_organisers").select("actor_id").where("event_id", "=", eventId),
          ),
        ]),
      )
      .execute(),
    deps.db
      .selectFrom("event_rsvps")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("event_id", "=", eventId)
      .groupBy("status")
      .execute(),
    deps.db
      .selectFrom("event_rsvps as r")
      .innerJoin("actors as a", "a.id", "r.actor_id")
      .select(["a.id", "a.handle", "a.display_name", "a.avatar_key"])
      .where("r.event_id", "=", eventId)
      .where("r.status", "=", "going")
      .orderBy("r.queued_seq")
      .limit(ATTENDEES_SHOWN)
      .execute(),
  ]);
  const count = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  const organiserRow = organisers.find((o) => o.id === event.organiser_id);
  return {
    organiser: organiserRow
      ? person(organiserRow)
      : { id: event.organiser_id, handle: "?", displayName: "?", avatarKey: null },
    coOrganisers: organisers.filter((o) => o.id !== event.organiser_id).map(person),
    counts: {
      going: count("going"),
      maybe: count("maybe"),
      waitlist: count("waitlist"),
      pending: count("pending"),
    },
    going: going.map(person),
  };
}

/**
 * Where the event stands in time — check-in open, the "people you met" window open, ended — as a
 * short string: what a page kept for a viewer must be drawn again for when it moves.
 */
export function timePhase(event: Pick<EventRow, "starts_at" | "ends_at">, now: Date): string {
  const timed = { startsAt: event.starts_at, endsAt: event.ends_at };
  return [isCheckinOpen(timed, now), isMetWindowOpen(timed, now), hasEnded(timed, now)].map(Number).join("");
}

/** The viewer's own side of an event already loaded (with `loadEvent`, for this viewer). */
export async function viewerSide(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
  loaded: LoadedEvent,
): Promise<ViewerSide> {
  const { event, access, myRsvp } = loaded;
  const eventId = event.id;
  const isOrganiser = Boolean(access?.organiser);
  const me = viewer?.accountId ?? "";
  const now = deps.clock.now();
  const timed = { startsAt: event.starts_at, endsAt: event.ends_at };
  const checkinOpen = event.status !== "cancelled" && isCheckinOpen(timed, now);
  const metWindowOpen = isMetWindowOpen(timed, now);
  const [position, checkedIn, answers] = await Promise.all([
    myRsvp?.status === "waitlist"
      ? deps.db
          .selectFrom("event_rsvps as r")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("r.event_id", "=", eventId)
          .where("r.status", "=", "waitlist")
          .where(
            "r.queued_seq",
            "<=",
            deps.db
              .selectFrom("event_rsvps")
              .select("queued_seq")
              .where("event_id", "=", eventId)
              .where("actor_id", "=", me),
          )
          .executeTakeFirst()
      : Promise.resolve(undefined),
    // Check-in matters only while it is open, or for the follow-ups after the event.
    viewer && (checkinOpen || metWindowOpen)
      ? deps.db
          .selectFrom("event_checkins")
          .select("actor_id")
          .where("event_id", "=", eventId)
          .where("actor_id", "=", me)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    isOrganiser
      ? deps.db
          .selectFrom("event_rsvps as r")
          .innerJoin("actors as a", "a.id", "r.actor_id")
          .select(["a.id", "a.handle", "a.display_name", "a.avatar_key", "r.status", "r.message"])
          .where("r.event_id", "=", eventId)
          .where((eb) => eb.or([eb("r.status", "=", "pending"), eb("r.message", "!=", "")]))
          .orderBy("r.queued_seq")
          .limit(200)
          .execute()
      : Promise.resolve([]),
  ]);
  const all = answers.map((r) => ({ ...person(r), status: r.status, message: r.message }));
  return {
    isOrganiser,
    isCreator: event.organiser_id === me,
    myRsvp,
    waitlistPosition: position ? Number(position.n) : null,
    requests: all.filter((a) => a.status === "pending"),
    messages: all.filter((a) => a.message !== ""),
    checkedIn: checkedIn !== undefined,
    checkinOpen,
    metWindowOpen,
    ended: hasEnded(timed, now),
  };
}

/** Everyone's answers, for the attendees page: going in order of arrival, then waitlist, then maybe. */
export async function listAttendees(
  deps: Pick<Deps, "db">,
  viewer: Viewer | null,
  eventId: string,
): Promise<{ event: EventRow; going: Person[]; waitlist: Person[]; maybe: Person[] }> {
  const { event } = await loadEvent(deps.db, viewer, eventId);
  const rows = await deps.db
    .selectFrom("event_rsvps as r")
    .innerJoin("actors as a", "a.id", "r.actor_id")
    .select(["a.id", "a.handle", "a.display_name", "a.avatar_key", "r.status"])
    .where("r.event_id", "=", eventId)
    .where("r.status", "in", ["going", "waitlist", "maybe"])
    .orderBy("r.queued_seq")
    .execute();
  const of = (s: RsvpStatus) => rows.filter((r) => r.status === s).map(person);
  return { event, going: of("going"), waitlist: of("waitlist"), maybe: of("maybe") };
}
