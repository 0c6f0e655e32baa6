import { raw } from "hono/html";
import type { ContactDetail, InvitationStatus } from "../../../services/contacts/read.ts";
import type { PageContext } from "../../page-context.ts";
import { Form, Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";

/** An invitation link just created: shown this once, with its QR code. */
export interface FreshInvite {
  url: string;
  expiresAt: string;
  qrSvg: string;
}

function InvitationState({ ctx, status }: { ctx: PageContext; status: InvitationStatus }) {
  const { t, fmt } = ctx;
  const sent = t("contacts.invite.sent", { date: fmt.dateTime(status.createdAt) });
  const state =
    status.state === "open"
      ? t("contacts.invite.open", { date: fmt.dateTime(status.expiresAt) })
      : t(`contacts.invite.${status.state}`);
  return (
    <p>
      {sent} {state}
    </p>
  );
}

function Invitation(p: { ctx: PageContext; contact: ContactDetail; fresh: FreshInvite | null }) {
  const { ctx, contact, fresh } = p;
  const { t, fmt } = ctx;
  return (
    <section class="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("contacts.invite.title")}</h2>
      {fresh && (
        <div role="status">
          <p>{t("contacts.invite.created", { date: fmt.dateTime(fresh.expiresAt) })}</p>
          <code class="secret">{fresh.url}</code>
          <figure>
            {raw(fresh.qrSvg)}
            <figcaption>{t("contacts.invite.qrCaption", { name: contact.name })}</figcaption>
          </figure>
        </div>
      )}
      {!fresh && contact.invitation && <InvitationState ctx={ctx} status={contact.invitation} />}
      <p>{t("contacts.invite.explain", { name: contact.name })}</p>
      <Form ctx={ctx} action={`/contacts/${contact.id}/invite`}>
        <button type="submit">
          {contact.invitation ? t("contacts.invite.createAnother") : t("contacts.invite.create")}
        </button>
      </Form>
    </section>
  );
}

/** One contact, as only its owner ever sees it. */
export function ContactDetailPage(p: {
  ctx: PageContext;
  contact: ContactDetail;
  fresh: FreshInvite | null;
  notice: string | null;
}) {
  const { ctx, contact } = p;
  const { t, fmt } = ctx;
  const entries: [string, unknown][] = [
    [t("contacts.field.metWhere"), contact.metWhere || null],
    [t("contacts.field.metOn"), contact.metOn ? fmt.date(`${contact.metOn}T12:00:00.000Z`) : null],
    [t("contacts.field.howMet"), contact.howMet || null],
    [t("contacts.field.notes"), contact.notes || null],
    [
      t("contacts.field.tags"),
      contact.tags.length > 0 ? (
        <ul class="tags">
          {contact.tags.map((tag) => (
            <li>
              <a href={`/contacts?${new URLSearchParams({ q: tag })}`}>{tag}</a>
            </li>
          ))}
        </ul>
      ) : null,
    ],
    [t("contacts.field.side"), t(`contacts.side.${contact.side}`)],
    [
      t("contacts.field.email"),
      contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : null,
    ],
    [t("contacts.field.phone"), contact.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : null],
    [
      t("contacts.field.links"),
      contact.links.length > 0 ? (
        <ul>
          {contact.links.map((link) => (
            <li>
              <a href={link.url} rel="nofollow noopener noreferrer">
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null,
    ],
  ];
  return (
    <Layout ctx={ctx} title={contact.name}>
      <p>
        <a href="/contacts">{t("contacts.back")}</a>
      </p>
      <h1>{contact.name}</h1>
      <Notice text={p.notice} />
      <p class="muted">{t("contacts.privateNote")}</p>
      {contact.linkedMember && (
        <p>
          {t("contacts.linkedTo")}{" "}
          <a href={`/@${contact.linkedMember.handle}`}>
            {contact.linkedMember.displayName} (@{contact.linkedMember.handle})
          </a>
        </p>
      )}
      <section class="card" aria-labelledby="contact-details">
        <h2 id="contact-details">{t("contacts.details")}</h2>
        <dl class="fields">
          {entries
            .filter(([, content]) => content !== null)
            .map(([label, content]) => (
              <>
                <dt>{label}</dt>
                <dd>{content}</dd>
              </>
            ))}
        </dl>
        <div class="actions">
          <a href={`/contacts/${contact.id}/edit`} class="button">
            {t("contacts.editLink", { name: contact.name })}
          </a>
          <a href={`/contacts/${contact.id}/delete`}>{t("contacts.deleteLink", { name: contact.name })}</a>
          <a
            href={
              contact.linkedMember
                ? `/nurture/with/@${contact.linkedMember.handle}`
                : `/nurture/with/contact/${contact.id}`
            }
          >
            {t("nurture.storyLink", { name: contact.name })}
          </a>
        </div>
      </section>
      {!contact.linkedMember && <Invitation ctx={ctx} contact={contact} fresh={p.fresh} />}
    </Layout>
  );
}

/** Asks before deleting: the contact, its notes and its history go for good. */
export function DeleteContactPage({ ctx, contact }: { ctx: PageContext; contact: ContactDetail }) {
  const { t } = ctx;
  const title = t("contacts.delete.title", { name: contact.name });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t("contacts.delete.explain")}</p>
      <Form ctx={ctx} action={`/contacts/${contact.id}/delete`} class="actions">
        <button type="submit" class="danger">
          {t("contacts.delete.confirm", { name: contact.name })}
        </button>
        <a href={`/contacts/${contact.id}`}>{t("contacts.cancel")}</a>
      </Form>
    </Layout>
  );
}
