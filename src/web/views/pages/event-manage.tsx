import { raw } from "hono/html";
import type { EventRow } from "../../../services/events/access.ts";
import type { Candidate } from "../../../services/events/invite.ts";
import type { EventLink } from "../../../services/events/links.ts";
import type { Person } from "../../../services/graph/find.ts";
import type { PageContext } from "../../page-context.ts";
import { type Errors, Form, FormErrors, Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { PersonLine } from "../person.tsx";
import { When } from "./event-parts.tsx";

function Back({ ctx, event }: { ctx: PageContext; event: EventRow }) {
  return (
    <p>
      <a href={`/events/${event.id}`}>{ctx.t("events.back", { title: event.title })}</a>
    </p>
  );
}

/** Inviting connections and followers, the invitations sent, and the shareable links. */
export function EventInvitePage(p: {
  ctx: PageContext;
  event: EventRow;
  candidates: Candidate[];
  links: EventLink[];
  freshLink: string | null;
  notice: string | null;
  errors?: Errors;
}) {
  const { ctx, event, candidates } = p;
  const { t, fmt } = ctx;
  const title = t("events.invite.title", { title: event.title });
  const open = candidates.filter((c) => !c.invited);
  const invited = candidates.filter((c) => c.invited);
  return (
    <Layout ctx={ctx} title={title}>
      <Back ctx={ctx} event={event} />
      <h1>{title}</h1>
      <Notice text={p.notice} />
      {p.errors?.invitees && (
        <div class="alert alert-error" role="alert">
          {t(p.errors.invitees.key, p.errors.invitees.params)}
        </div>
      )}
      <section class="card" aria-labelledby="people-title">
        <h2 id="people-title">{t("events.invite.people")}</h2>
        {open.length === 0 ? (
          <p class="muted">{t("events.invite.nobody")}</p>
        ) : (
          <Form ctx={ctx} action={`/events/${event.id}/invite`}>
            <fieldset>
              <legend>{t("events.invite.choose")}</legend>
              {open.map((c) => (
                <div class="field">
                  <input type="checkbox" id={`invitee-${c.id}`} name="invitees" value={c.id} />{" "}
                  <label class="inline" for={`invitee-${c.id}`}>
                    {c.displayName} (@{c.handle}) ·{" "}
                    {c.connection ? t("events.invite.connection") : t("events.invite.follower")}
                  </label>
                </div>
              ))}
            </fieldset>
            <button type="submit">{t("events.invite.send")}</button>
          </Form>
        )}
      </section>
      {invited.length > 0 && (
        <section class="card" aria-labelledby="invited-title">
          <h2 id="invited-title">{t("events.invite.invited")}</h2>
          <ul class="plain">
            {invited.map((c) => (
              <li>
                <PersonLine person={c}>
                  <Form ctx={ctx} action={`/events/${event.id}/invitations/${c.id}/revoke`}>
                    <button type="submit" class="link-button">
                      {t("events.invite.revoke", { name: c.displayName })}
                    </button>
                  </Form>
                </PersonLine>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="card" aria-labelledby="links-title">
        <h2 id="links-title">{t("events.links.title")}</h2>
        <p>{t("events.links.explain")}</p>
        {p.freshLink && (
          <div role="status">
            <p>{t("events.links.created")}</p>
            <code class="secret">{p.freshLink}</code>
          </div>
        )}
        {p.links.length > 0 && (
          <ul class="plain">
            {p.links.map((l) => (
              <li>
                {t("events.links.item", { date: fmt.dateTime(l.createdAt), uses: l.uses })}{" "}
                {l.revokedAt ? (
                  <span class="pill">{t("events.links.revoked")}</span>
                ) : (
                  <Form ctx={ctx} action={`/events/${event.id}/links/${l.id}/revoke`}>
                    <button type="submit" class="link-button">
                      {t("events.links.revoke")}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
        <Form ctx={ctx} action={`/events/${event.id}/links`}>
          <button type="submit" class="secondary">
            {t("events.links.create")}
          </button>
        </Form>
      </section>
    </Layout>
  );
}

/** The QR code itself, which htmx refreshes every 20 seconds (the code changes every minute). */
export function CheckinCodeFigure({
  ctx,
  eventId,
  svg,
  validUntil,
}: {
  ctx: PageContext;
  eventId: string;
  svg: string;
  validUntil: string;
}) {
  return (
    <figure
      class="card checkin-code"
      id="checkin-code"
      hx-get={`/events/${eventId}/checkin-code/qr`}
      hx-trigger="every 20s"
      hx-swap="outerHTML"
    >
      {raw(svg)}
      <figcaption>{ctx.t("events.checkin.codeValid", { date: ctx.fmt.dateTime(validUntil) })}</figcaption>
    </figure>
  );
}

/** What the organiser shows on site: the rotating code, and who is there. */
export function CheckinCodePage(p: {
  ctx: PageContext;
  event: EventRow;
  svg: string;
  url: string;
  validUntil: string;
  present: (Person & { checkedInAt: string })[];
}) {
  const { ctx, event } = p;
  const { t, fmt } = ctx;
  const title = t("events.checkin.codeTitle", { title: event.title });
  return (
    <Layout ctx={ctx} title={title}>
      <Back ctx={ctx} event={event} />
      <h1>{title}</h1>
      <p>{t("events.checkin.codeExplain")}</p>
      <CheckinCodeFigure ctx={ctx} eventId={event.id} svg={p.svg} validUntil={p.validUntil} />
      <p>
        {t("events.checkin.codeLink")} <code class="secret">{p.url}</code>
      </p>
      <p>
        <a href={`/events/${event.id}/checkin-code`}>{t("events.checkin.newCode")}</a>
      </p>
      <section aria-labelledby="present-title">
        <h2 id="present-title">{t("events.checkin.present", { count: p.present.length })}</h2>
        <ul class="plain">
          {p.present.map((person) => (
            <li>
              <PersonLine person={person}>
                <p class="muted">{t("events.checkin.at", { time: fmt.dateTime(person.checkedInAt) })}</p>
              </PersonLine>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

/** A scanned code: one button to check in. */
export function CheckinPage(p: { ctx: PageContext; event: EventRow; code: string; errors?: Errors }) {
  const { ctx, event } = p;
  const { t } = ctx;
  const title = t("events.checkin.scanTitle", { title: event.title });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <When ctx={ctx} event={event} />
      <FormErrors ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action={`/events/${event.id}/checkin`}>
        <input type="hidden" name="code" value={p.code} />
        <button type="submit">{t("events.checkin.button")}</button>
      </Form>
      <Back ctx={ctx} event={event} />
    </Layout>
  );
}

/** Everyone who answered, for anyone who may see the event. */
export function AttendeesPage(p: {
  ctx: PageContext;
  event: EventRow;
  going: Person[];
  waitlist: Person[];
  maybe: Person[];
}) {
  const { ctx, event } = p;
  const { t } = ctx;
  const title = t("events.attendees.title", { title: event.title });
  const list = (people: Person[], heading: string, id: string) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {people.length === 0 ? (
        <p class="muted">{t("events.going.none")}</p>
      ) : (
        <ol class="plain">
          {people.map((person) => (
            <li>
              <PersonLine person={person} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
  return (
    <Layout ctx={ctx} title={title}>
      <Back ctx={ctx} event={event} />
      <h1>{title}</h1>
      {list(p.going, t("events.going.title", { count: p.going.length }), "going-title")}
      {list(p.waitlist, t("events.waitlist.title", { count: p.waitlist.length }), "waitlist-title")}
      {list(p.maybe, t("events.maybe.title", { count: p.maybe.length }), "maybe-title")}
    </Layout>
  );
}

/** Someone signed out opened an invitation link. */
export function JoinPage({ ctx, next }: { ctx: PageContext; next: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("events.join.title")}>
      <h1>{t("events.join.title")}</h1>
      <p>{t("events.join.explain", { instance: ctx.instanceName })}</p>
      <div class="actions">
        <a class="button" href={`/signin?next=${encodeURIComponent(next)}`}>
          {t("nav.signIn")}
        </a>
        <a class="button secondary" href={`/signup?next=${encodeURIComponent(next)}`}>
          {t("nav.signUp")}
        </a>
      </div>
    </Layout>
  );
}
