import type { Child } from "hono/jsx";
import type { EventFacts, EventView } from "../../../services/events/read.ts";
import type { PageContext } from "../../page-context.ts";
import { type Errors, Field, Form, FormErrors, Notice, type Values } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { PersonLine } from "../person.tsx";
import { When } from "./event-parts.tsx";

function Where({ ctx, view }: { ctx: PageContext; view: EventView }) {
  const { t } = ctx;
  const e = view.event;
  const map =
    e.latitude !== null && e.longitude !== null
      ? `https://www.openstreetmap.org/?mlat=${e.latitude}&mlon=${e.longitude}#map=17/${e.latitude}/${e.longitude}`
      : null;
  return (
    <div class="event-where">
      {(e.place || e.city) && (
        <p>
          {[e.place, e.city].filter(Boolean).join(", ")}
          {map && (
            <>
              {" "}
              <a href={map} rel="noopener noreferrer">
                {t("events.map")}
              </a>
            </>
          )}
        </p>
      )}
      {e.online_url && (
        <p>
          {t("events.onlineAt")}{" "}
          <a href={e.online_url} rel="nofollow noopener noreferrer">
            {e.online_url}
          </a>
        </p>
      )}
    </div>
  );
}

/** The viewer's answer (going, maybe, can't go) with their message to the organisers. */
/** What the viewer's own parts need: the event and their side of it. */
type OwnView = Omit<EventView, keyof EventFacts>;

function MyAnswer({
  ctx,
  view,
  values,
  errors,
}: {
  ctx: PageContext;
  view: OwnView;
  values?: Values;
  errors?: Errors;
}) {
  const { t } = ctx;
  const e = view.event;
  if (!ctx.viewer) {
    return (
      <p>
        <a href={`/signin?next=${encodeURIComponent(`/events/${e.id}`)}`}>{t("events.signInToAnswer")}</a>
      </p>
    );
  }
  if (view.isOrganiser || e.status === "cancelled" || view.ended) return null;
  const status = view.myRsvp?.status;
  return (
    <section class="card" aria-labelledby="answer-title">
      <h2 id="answer-title">{t("events.answer.title")}</h2>
      {status && (
        <p role="status">
          {status === "waitlist"
            ? t("events.answer.waitlist", { position: view.waitlistPosition ?? 1 })
            : t(`events.answer.${status}`)}
        </p>
      )}
      <FormErrors ctx={ctx} errors={errors} />
      {status !== "refused" && (
        <Form ctx={ctx} action={`/events/${e.id}/rsvp`}>
          <Field
            ctx={ctx}
            name="message"
            label={t("events.answer.message")}
            hint={t("events.answer.messageHint")}
            values={values ?? { message: view.myRsvp?.message ?? "" }}
            errors={errors}
            multiline
            rows={2}
            maxlength={500}
          />
          <div class="actions">
            <button type="submit" name="answer" value="going">
              {e.approval ? t("events.answer.ask") : t("events.answer.going")}
            </button>
            <button type="submit" name="answer" value="maybe" class="secondary">
              {t("events.answer.maybe")}
            </button>
            <button type="submit" name="answer" value="declined" class="secondary">
              {t("events.answer.declined")}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

/** Check-in during the event, then the way to the people met there. */
function CheckIn({ ctx, view }: { ctx: PageContext; view: OwnView }) {
  const { t } = ctx;
  const e = view.event;
  const canCheckIn = view.isOrganiser || view.myRsvp?.status === "going";
  if (view.checkinOpen && canCheckIn) {
    return (
      <section class="card" aria-labelledby="checkin-title">
        <h2 id="checkin-title">{t("events.checkin.title")}</h2>
        {view.checkedIn ? (
          <p>{t("events.checkin.done")}</p>
        ) : (
          <Form ctx={ctx} action={`/events/${e.id}/checkin`}>
            <button type="submit">{t("events.checkin.button")}</button>
          </Form>
        )}
        {view.isOrganiser && (
          <p>
            <a class="button secondary" href={`/events/${e.id}/checkin-code`}>
              {t("events.checkin.showCode")}
            </a>
          </p>
        )}
      </section>
    );
  }
  if (view.metWindowOpen && view.checkedIn) {
    return (
      <section class="card" aria-labelledby="met-title">
        <h2 id="met-title">{t("events.met.title")}</h2>
        <p>{t("events.met.teaser")}</p>
        <p>
          <a class="button" href={`/events/${e.id}/met`}>
            {t("events.met.open")}
          </a>
        </p>
      </section>
    );
  }
  return null;
}

function OrganiserTools({ ctx, view }: { ctx: PageContext; view: EventView }) {
  const { t } = ctx;
  const e = view.event;
  if (!view.isOrganiser) return null;
  return (
    <section class="card" aria-labelledby="tools-title">
      <h2 id="tools-title">{t("events.tools.title")}</h2>
      <div class="actions">
        {e.status !== "cancelled" && (
          <a class="button" href={`/events/${e.id}/edit`}>
            {t("events.tools.edit")}
          </a>
        )}
        <a class="button secondary" href={`/events/${e.id}/invite`}>
          {t("events.tools.invite")}
        </a>
        <a class="button secondary" href={`/events/${e.id}/attendees`}>
          {t("events.tools.attendees")}
        </a>
      </div>
      {view.requests.length > 0 && (
        <>
          <h3>{t("events.requests.title", { count: view.requests.length })}</h3>
          <ul class="plain">
            {view.requests.map((r) => (
              <li class="card">
                <PersonLine person={r}>{r.message && <p>{r.message}</p>}</PersonLine>
                <div class="actions">
                  <Form ctx={ctx} action={`/events/${e.id}/requests/${r.id}/approve`}>
                    <button type="submit">{t("events.requests.approve", { name: r.displayName })}</button>
                  </Form>
                  <Form ctx={ctx} action={`/events/${e.id}/requests/${r.id}/refuse`}>
                    <button type="submit" class="secondary">
                      {t("events.requests.refuse", { name: r.displayName })}
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {view.messages.length > 0 && (
        <>
          <h3>{t("events.messages.title")}</h3>
          <ul class="plain">
            {view.messages.map((m) => (
              <li>
                <PersonLine person={m}>
                  <p>
                    <span class="pill">{t(`events.status.${m.status}`)}</span> {m.message}
                  </p>
                </PersonLine>
              </li>
            ))}
          </ul>
        </>
      )}
      {view.isCreator && (
        <>
          <h3>{t("events.coOrganisers.title")}</h3>
          {view.coOrganisers.length > 0 && (
            <ul class="plain">
              {view.coOrganisers.map((o) => (
                <li>
                  <PersonLine person={o}>
                    <Form ctx={ctx} action={`/events/${e.id}/organisers/${o.id}/remove`}>
                      <button type="submit" class="link-button">
                        {t("events.coOrganisers.remove", { name: o.displayName })}
                      </button>
                    </Form>
                  </PersonLine>
                </li>
              ))}
            </ul>
          )}
          <Form ctx={ctx} action={`/events/${e.id}/organisers`}>
            <Field
              ctx={ctx}
              name="handle"
              label={t("events.coOrganisers.handle")}
              hint={t("events.coOrganisers.hint")}
              maxlength={40}
            />
            <button type="submit" class="secondary">
              {t("events.coOrganisers.add")}
            </button>
          </Form>
        </>
      )}
      {e.status !== "cancelled" && (
        <Form ctx={ctx} action={`/events/${e.id}/cancel`}>
          <p class="hint">{t("events.cancel.explain")}</p>
          <button type="submit" class="danger">
            {t("events.cancel.button")}
          </button>
        </Form>
      )}
    </section>
  );
}

/** One event: what, when (in its zone and the viewer's), where, who goes, and what the viewer can do. */
export function EventPage(p: {
  ctx: PageContext;
  view: EventView;
  notice: string | null;
  values?: Values;
  errors?: Errors;
  /** The event's comment thread (posts with this event_id, issue #4), connected by the lead. */
  comments?: Child;
}) {
  const { ctx, view } = p;
  const { t } = ctx;
  const e = view.event;
  const seats =
    e.capacity !== null
      ? t("events.seats", { going: view.counts.going, capacity: e.capacity })
      : t("events.goingCount", { count: view.counts.going });
  return (
    <Layout ctx={ctx} title={e.title}>
      <Notice text={p.notice} />
      {e.cover_key && (
        <figure class="event-cover">
          <img src={`/events/${e.id}/cover`} alt={e.cover_alt} width={1200} height={630} />
          {e.cover_credit && (
            <figcaption class="muted">{t("events.coverCredit", { credit: e.cover_credit })}</figcaption>
          )}
        </figure>
      )}
      <h1>{e.title}</h1>
      {e.status === "cancelled" && (
        <p class="alert alert-error" role="status">
          {t("events.cancelledNotice")}
        </p>
      )}
      <When ctx={ctx} event={e} />
      <Where ctx={ctx} view={view} />
      <p class="muted">
        {t(`events.visibility.${e.visibility}`)} · {seats}
        {view.counts.waitlist > 0 && ` · ${t("events.waitlistCount", { count: view.counts.waitlist })}`}
        {view.counts.maybe > 0 && ` · ${t("events.maybeCount", { count: view.counts.maybe })}`}
        {e.approval === 1 && ` · ${t("events.approvalMode")}`}
      </p>
      <div class="event-organisers">
        <p>{t("events.organisedBy")}</p>
        <PersonLine person={view.organiser} />
        {view.coOrganisers.map((o) => (
          <PersonLine person={o} />
        ))}
      </div>
      {e.description && (
        <section aria-labelledby="about-title">
          <h2 id="about-title">{t("events.about")}</h2>
          {e.description.split(/\n{2,}/).map((para) => (
            <p class="pre-line">{para}</p>
          ))}
        </section>
      )}
      <MyAnswer ctx={ctx} view={view} values={p.values} errors={p.errors} />
      <CheckIn ctx={ctx} view={view} />
      <OrganiserTools ctx={ctx} view={view} />
      <section aria-labelledby="going-title">
        <h2 id="going-title">{t("events.going.title", { count: view.counts.going })}</h2>
        {view.going.length === 0 ? (
          <p class="muted">{t("events.going.none")}</p>
        ) : (
          <ul class="plain attendees">
            {view.going.map((person) => (
              <li>
                <PersonLine person={person} />
              </li>
            ))}
          </ul>
        )}
        {view.counts.going + view.counts.waitlist + view.counts.maybe > view.going.length && (
          <p>
            <a href={`/events/${e.id}/attendees`}>{t("events.going.all")}</a>
          </p>
        )}
      </section>
      <p>
        <a href={`/events/${e.id}/event.ics`} download>
          {t("events.ics")}
        </a>
      </p>
      {/* Event comments (issue #4): the thread of posts whose event_id is this event goes here. */}
      <section id="comments" aria-labelledby="comments-title" data-slot="event-comments">
        <h2 id="comments-title">{t("events.comments")}</h2>
        {p.comments}
      </section>
    </Layout>
  );
}
