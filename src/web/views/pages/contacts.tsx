import type { ContactPage } from "../../../services/contacts/list.ts";
import type { PageContext } from "../../page-context.ts";
import { Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";

/** The viewer's private address book: search, the list, and the way to add someone. */
export function ContactsPage(p: {
  ctx: PageContext;
  page: ContactPage;
  search: string;
  notice: string | null;
}) {
  const { ctx, page, search } = p;
  const { t } = ctx;
  const nextHref = page.nextAfter
    ? `/contacts?${new URLSearchParams({ ...(search ? { q: search } : {}), after: page.nextAfter })}`
    : null;
  return (
    <Layout ctx={ctx} title={t("contacts.title")}>
      <h1>{t("contacts.title")}</h1>
      <Notice text={p.notice} />
      <p>{t("contacts.privacy")}</p>
      <p>
        <a href="/contacts/new" class="button">
          {t("contacts.addLink")}
        </a>
      </p>
      <search>
        <form method="get" action="/contacts" class="actions">
          <label for="contacts-search">{t("contacts.search.label")}</label>
          <input id="contacts-search" type="search" name="q" value={search} />
          <button type="submit">{t("contacts.search.submit")}</button>
        </form>
      </search>
      {page.contacts.length === 0 ? (
        <p>{search ? t("contacts.search.none", { search }) : t("contacts.empty")}</p>
      ) : (
        <ul class="contact-list">
          {page.contacts.map((contact) => (
            <li>
              <a href={`/contacts/${contact.id}`}>{contact.name}</a>
              {contact.linked && <span class="muted"> · {t("contacts.linkedBadge")}</span>}
              {contact.metWhere && <span class="muted"> · {contact.metWhere}</span>}
              {contact.tags.length > 0 && <span class="muted"> · {contact.tags.join(", ")}</span>}
            </li>
          ))}
        </ul>
      )}
      {nextHref && (
        <p>
          <a href={nextHref}>{t("contacts.more")}</a>
        </p>
      )}
    </Layout>
  );
}
