import type { EventLists, Filters } from "../../../services/events/list.ts";
import type { PageContext } from "../../page-context.ts";
import { Form, Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { EventList } from "./event-parts.tsx";

/** The private calendar feed: its address is shown once, right after it is made. */
function CalendarFeed({
  ctx,
  feedUrl,
  hasFeed,
}: {
  ctx: PageContext;
  feedUrl: string | null;
  hasFeed: boolean;
}) {
  const { t } = ctx;
  return (
    <section class="card" aria-labelledby="feed-title">
      <h2 id="feed-title">{t("events.feed.title")}</h2>
      <p>{t("events.feed.explain")}</p>
      {feedUrl && (
        <div role="status">
          <p>{t("events.feed.created")}</p>
          <code class="secret">{feedUrl}</code>
        </div>
      )}
      <Form ctx={ctx} action="/events/feed">
        <button type="submit" class={hasFeed ? "secondary" : undefined}>
          {hasFeed ? t("events.feed.reset") : t("events.feed.create")}
        </button>
      </Form>
    </section>
  );
}

/** /events: my upcoming events, my network's, the instance's public ones (filtered), my past ones. */
export function EventsPage(p: {
  ctx: PageContext;
  lists: EventLists;
  filters: Filters;
  notice: string | null;
  feedUrl: string | null;
  hasFeed: boolean;
}) {
  const { ctx, lists, filters } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("events.title")}>
      <h1>{t("events.title")}</h1>
      <Notice text={p.notice} />
      {ctx.viewer && (
        <p>
          <a class="button" href="/events/new">
            {t("events.create")}
          </a>
        </p>
      )}
      {ctx.viewer && (
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">{t("events.mine")}</h2>
          <EventList ctx={ctx} events={lists.mine} empty={t("events.mine.none")} />
        </section>
      )}
      {ctx.viewer && (
        <section aria-labelledby="network-title">
          <h2 id="network-title">{t("events.network")}</h2>
          <EventList ctx={ctx} events={lists.network} empty={t("events.network.none")} />
        </section>
      )}
      <section aria-labelledby="instance-title">
        <h2 id="instance-title">{t("events.instance", { instance: ctx.instanceName })}</h2>
        <form method="get" action="/events" class="card filters" aria-label={t("events.filter.label")}>
          <div class="field">
            <label for="filter-city">{t("events.filter.city")}</label>
            <input id="filter-city" name="city" type="search" value={filters.city ?? ""} maxlength={100} />
          </div>
          <div class="field">
            <label for="filter-from">{t("events.filter.from")}</label>
            <input id="filter-from" name="from" type="date" value={filters.from ?? ""} />
          </div>
          <button type="submit">{t("events.filter.submit")}</button>
        </form>
        <EventList ctx={ctx} events={lists.instance} empty={t("events.instance.none")} />
      </section>
      {ctx.viewer && (
        <section aria-labelledby="past-title">
          <h2 id="past-title">{t("events.past")}</h2>
          <EventList ctx={ctx} events={lists.past} empty={t("events.past.none")} />
        </section>
      )}
      {ctx.viewer && <CalendarFeed ctx={ctx} feedUrl={p.feedUrl} hasFeed={p.hasFeed} />}
    </Layout>
  );
}
