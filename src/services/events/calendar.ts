import { NotFound } from "../../domain/errors.ts";
import { calendar, type IcsEvent } from "../../domain/events/ical.ts";
import type { Deps, Viewer } from "../deps.ts";
import { findPerson } from "../graph/find.ts";
import { hashToken, newToken } from "../security/tokens.ts";
import { type EventRow, loadEvent } from "./access.ts";
import { eventVisibleTo } from "./visible.ts";

/** Feeds keep the last 90 days, so a cancellation still reaches calendars that synced the event. */
const FEED_PAST_MS = 90 * 24 * 3600_000;
const FEED_LIMIT = 500;

type Row = EventRow & { organiser_name: string };

function icsEvent(deps: Pick<Deps, "config">, row: Row): IcsEvent {
  const url = `${deps.config.publicUrl}/events/${row.id}`;
  return {
    uid: `${row.id}@${new URL(deps.config.publicUrl).host}`,
    sequence: row.sequence,
    title: row.title,
    description: row.description,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    timeZone: row.time_zone,
    location: [row.place, row.online_url].filter(Boolean).join(" — "),
    geo:
      row.latitude !== null && row.longitude !== null
        ? { latitude: row.latitude, longitude: row.longitude }
        : null,
    url,
    cancelled: row.status === "cancelled",
    organiserName: row.organiser_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function rows(deps: Pick<Deps, "db">, viewerId: string | null) {
  return deps.db
    .selectFrom("events as e")
    .innerJoin("actors as a", "a.id", "e.organiser_id")
    .selectAll("e")
    .select("a.display_name as organiser_name")
    .where(eventVisibleTo(viewerId));
}

/** One event's .ics, for whoever may see the event (NotFound otherwise). */
export async function eventCalendar(deps: Deps, viewer: Viewer | null, eventId: string): Promise<string> {
  await loadEvent(deps.db, viewer, eventId);
  const row = await rows(deps, viewer?.accountId ?? null)
    .where("e.id", "=", eventId)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return calendar({ name: row.title, events: [icsEvent(deps, row)], now: deps.clock.now().toISOString() });
}

/** A person's public events, for anyone (signed out included): never their connections-only or private ones. */
export async function publicCalendar(deps: Deps, handle: string): Promise<string> {
  const person = await findPerson(deps.db, handle);
  const since = new Date(deps.clock.now().getTime() - FEED_PAST_MS).toISOString();
  const list = await rows(deps, null)
    .where("e.organiser_id", "=", person.id)
    .where("e.ends_at", ">=", since)
    .orderBy("e.starts_at")
    .limit(FEED_LIMIT)
    .execute();
  return calendar({
    name: `${person.displayName} (@${person.handle})`,
    events: list.map((r) => icsEvent(deps, r)),
    now: deps.clock.now().toISOString(),
  });
}

/**
 * A new address for the viewer's private feed of "events I'm going to"; the previous one stops
 * working. Only its hash is kept, so the address is shown once.
 */
export async function resetCalendarFeed(deps: Deps, viewer: Viewer): Promise<{ url: string }> {
  const token = newToken();
  const values = { token_hash: hashToken(token), created_at: deps.clock.now().toISOString() };
  await deps.db
    .insertInto("event_feeds")
    .values({ actor_id: viewer.accountId, ...values })
    .onConflict((oc) => oc.column("actor_id").doUpdateSet(values))
    .execute();
  return { url: `${deps.config.publicUrl}/calendar/${token}/events.ics` };
}

export async function hasCalendarFeed(deps: Pick<Deps, "db">, viewer: Viewer): Promise<boolean> {
  const row = await deps.db
    .selectFrom("event_feeds")
    .select("actor_id")
    .where("actor_id", "=", viewer.accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The private feed behind a token: events its owner organises, is going to, or waits for a seat at. */
export async function privateCalendar(deps: Deps, token: string): Promise<string> {
  const feed = await deps.db
    .selectFrom("event_feeds")
    .select("actor_id")
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!feed) throw new NotFound();
  const me = feed.actor_id;
  const since = new Date(deps.clock.now().getTime() - FEED_PAST_MS).toISOString();
  const list = await rows(deps, me)
    .where((eb) =>
      eb.or([
        eb("e.organiser_id", "=", me),
        eb.exists(
          eb
            .selectFrom("event_organisers as o")
            .select("o.actor_id")
            .whereRef("o.event_id", "=", "e.id")
            .where("o.actor_id", "=", me),
        ),
        eb.exists(
          eb
            .selectFrom("event_rsvps as r")
            .select("r.actor_id")
            .whereRef("r.event_id", "=", "e.id")
            .where("r.actor_id", "=", me)
            .where("r.status", "in", ["going", "waitlist"]),
        ),
      ]),
    )
    .where("e.ends_at", ">=", since)
    .orderBy("e.starts_at")
    .limit(FEED_LIMIT)
    .execute();
  return calendar({
    name: "Liens",
    events: list.map((r) => icsEvent(deps, r)),
    now: deps.clock.now().toISOString(),
  });
}
