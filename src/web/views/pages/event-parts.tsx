import type { EventCard } from "../../../services/events/list.ts";
import type { PageContext } from "../../page-context.ts";

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, zone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${withDate}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      withDate
        ? { dateStyle: "full", timeStyle: "short", timeZone: zone }
        : { timeStyle: "short", timeZone: zone },
    );
    formats.set(key, f);
  }
  return f;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a zone (formatters are cached: building one costs milliseconds). */
function dayOf(iso: string, zone: string): string {
  let f = dayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(zone, f);
  }
  return f.format(new Date(iso));
}

/** "Tuesday 10 March 2026 at 19:00 – 21:00" in a zone (the end's date only when it is another day). */
export function timeRange(ctx: PageContext, startsAt: string, endsAt: string, zone: string): string {
  const start = format(ctx.dates, zone, true).format(new Date(startsAt));
  const sameDay = dayOf(startsAt, zone) === dayOf(endsAt, zone);
  const end = format(ctx.dates, zone, !sameDay).format(new Date(endsAt));
  return `${start} – ${end}`;
}

/** When it happens, in the event's zone, and in the viewer's own zone when that is another one. */
export function When({
  ctx,
  event,
}: {
  ctx: PageContext;
  event: { starts_at: string; ends_at: string; time_zone: string };
}) {
  const { t } = ctx;
  const mine = ctx.viewer?.timeZone;
  return (
    <div class="event-when">
      <p>
        <time datetime={event.starts_at}>
          {timeRange(ctx, event.starts_at, event.ends_at, event.time_zone)}
        </time>{" "}
        <span class="muted">({event.time_zone})</span>
      </p>
      {mine && mine !== event.time_zone && (
        <p class="muted">
          {t("events.yourTime", {
            time: timeRange(ctx, event.starts_at, event.ends_at, mine),
            zone: mine,
          })}
        </p>
      )}
    </div>
  );
}

/** A list of events as cards, or a quiet line when there is none. */
export function EventList({
  ctx,
  events,
  empty,
  showOrganiser = true,
}: {
  ctx: PageContext;
  events: EventCard[];
  empty: string;
  showOrganiser?: boolean;
}) {
  const { t } = ctx;
  if (events.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ul class="plain">
      {events.map((e) => (
        <li class="card">
          <h3 class="event-title">
            <a href={`/events/${e.id}`}>{e.title}</a>
            {e.status === "cancelled" && <span class="pill">{t("events.cancelledBadge")}</span>}
            {e.myStatus && <span class="pill">{t(`events.status.${e.myStatus}`)}</span>}
          </h3>
          <p>
            <time datetime={e.starts_at}>{timeRange(ctx, e.starts_at, e.ends_at, e.time_zone)}</time>{" "}
            <span class="muted">({e.time_zone})</span>
          </p>
          {(e.place || e.city) && <p class="muted">{[e.place, e.city].filter(Boolean).join(", ")}</p>}
          {!e.place && e.online_url && <p class="muted">{t("events.online")}</p>}
          {showOrganiser && (
            <p class="muted">
              {t("events.by")} <a href={`/@${e.organiserHandle}`}>{e.organiserName}</a>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
