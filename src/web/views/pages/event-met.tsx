import type { MetHere } from "../../../services/events/met.ts";
import type { PageContext } from "../../page-context.ts";
import { Form, Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { PersonLine } from "../person.tsx";

/**
 * "People you met here": for each person who checked in too, a one-tap connection request already
 * saying where and when you met, a thank-you message, or a private note kept as a contact.
 */
export function EventMetPage({
  ctx,
  met,
  notice,
}: {
  ctx: PageContext;
  met: MetHere;
  notice: string | null;
}) {
  const { t, fmt } = ctx;
  const e = met.event;
  const date = fmt.date(`${met.day}T12:00:00Z`);
  const title = t("events.met.title");
  return (
    <Layout ctx={ctx} title={`${title} · ${e.title}`}>
      <p>
        <a href={`/events/${e.id}`}>{t("events.back", { title: e.title })}</a>
      </p>
      <h1>{title}</h1>
      <p>{t("events.met.explain", { title: e.title, date, until: fmt.dateTime(met.closesAt) })}</p>
      <Notice text={notice} />
      {met.people.length === 0 ? (
        <p class="muted">{t("events.met.nobody")}</p>
      ) : (
        <ul class="plain">
          {met.people.map((person) => (
            <li class="card">
              <PersonLine person={person}>
                {person.state === "connected" && <span class="pill">{t("person.connected")}</span>}
                {person.state === "requested" && <span class="pill">{t("events.met.requested")}</span>}
              </PersonLine>
              {person.state === "none" && (
                <Form ctx={ctx} action={`/events/${e.id}/met/${person.id}/connect`}>
                  <p class="how-we-met">{t("events.met.prefill", { title: e.title, date })}</p>
                  <div class="field">
                    <label for={`note-${person.id}`}>
                      {t("events.met.note", { name: person.displayName })}
                    </label>
                    <textarea id={`note-${person.id}`} name="note" rows={2} maxlength={500}>
                      {t("events.met.noteDefault", { title: e.title })}
                    </textarea>
                  </div>
                  <button type="submit">{t("events.met.connect", { name: person.displayName })}</button>
                </Form>
              )}
              <div class="actions">
                <a class="button secondary" href={`/messages/new?to=${encodeURIComponent(person.handle)}`}>
                  {t("events.met.thank", { name: person.displayName })}
                </a>
              </div>
              <details>
                <summary>{t("events.met.keepNote", { name: person.displayName })}</summary>
                <Form ctx={ctx} action={`/events/${e.id}/met/${person.id}/note`}>
                  <div class="field">
                    <label for={`contact-${person.id}`}>{t("events.met.contactNote")}</label>
                    <textarea id={`contact-${person.id}`} name="notes" rows={3} maxlength={10000} />
                  </div>
                  <button type="submit" class="secondary">
                    {t("events.met.saveNote")}
                  </button>
                </Form>
              </details>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
