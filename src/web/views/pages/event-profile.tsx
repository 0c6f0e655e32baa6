import type { EventCard } from "../../../services/events/list.ts";
import type { PageContext } from "../../page-context.ts";
import { EventList } from "./event-parts.tsx";

/** The profile's "Upcoming events" section: the person's events the viewer may see, and their public feed. */
export async function ProfileEvents({
  ctx,
  handle,
  load,
}: {
  ctx: PageContext;
  handle: string;
  /** Run only when the page is rendered (a cached anonymous profile costs no query). */
  load: () => Promise<EventCard[]>;
}) {
  const { t } = ctx;
  const events = await load();
  if (events.length === 0) return null;
  return (
    <section class="card" aria-labelledby="profile-events-title">
      <h2 id="profile-events-title">{t("events.profile.title")}</h2>
      <EventList ctx={ctx} events={events} empty="" showOrganiser={false} />
      <p>
        <a href={`/@${handle}/events.ics`}>{t("events.profile.feed")}</a>
      </p>
    </section>
  );
}
