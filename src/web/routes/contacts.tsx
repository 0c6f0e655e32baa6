import { Hono } from "hono";
import { createContact } from "../../services/contacts/create.ts";
import { deleteContact } from "../../services/contacts/delete.ts";
import { createContactInvite } from "../../services/contacts/invite.ts";
import { listContacts } from "../../services/contacts/list.ts";
import { type ContactDetail, readContact } from "../../services/contacts/read.ts";
import { updateContact } from "../../services/contacts/update.ts";
import type { Deps } from "../../services/deps.ts";
import { qrSvg } from "../../services/qr.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { handleForm, readForm, viewerOrRedirect } from "../http.ts";
import { pageContext } from "../page-context.ts";
import type { Values } from "../views/form.tsx";
import { ContactsPage } from "../views/pages/contacts.tsx";
import { ContactDetailPage, DeleteContactPage } from "../views/pages/contacts-detail.tsx";
import { ContactFormPage } from "../views/pages/contacts-form.tsx";

const notices = {
  created: "contacts.notice.created",
  saved: "contacts.notice.saved",
  deleted: "contacts.notice.deleted",
} as const;

/** The edit form's values from a stored contact (tags as "a, b", links one per line). */
function formValues(contact: ContactDetail): Values {
  return {
    name: contact.name,
    metWhere: contact.metWhere,
    metOn: contact.metOn ?? "",
    howMet: contact.howMet,
    notes: contact.notes,
    tags: contact.tags.join(", "),
    side: contact.side,
    email: contact.email,
    phone: contact.phone,
    links: contact.links.map((l) => `${l.label} ${l.url}`).join("\n"),
  };
}

/** The private address book: every path answers "not found" to anyone but the contact's owner. */
export function contactRoutes(deps: Deps) {
  const page = (c: AppContext) => pageContext(c, deps.config.instanceName);
  const notice = (c: AppContext) => {
    const key = notices[c.req.query("notice") as keyof typeof notices];
    return key ? c.get("t")(key) : null;
  };

  return new Hono<AppEnv>()
    .get("/contacts", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const search = c.req.query("q") ?? "";
      const list = await listContacts(deps, viewer, { search, after: c.req.query("after") });
      return c.html(<ContactsPage ctx={page(c)} page={list} search={search} notice={notice(c)} />);
    })
    .get("/contacts/new", (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      return c.html(<ContactFormPage ctx={page(c)} contactId={null} values={{}} />);
    })
    .post("/contacts/new", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const form = await readForm(c);
      return handleForm(
        () => createContact(deps, viewer, form),
        (errors) =>
          c.html(<ContactFormPage ctx={page(c)} contactId={null} values={form} errors={errors} />, 422),
        ({ id }) => c.redirect(`/contacts/${id}?notice=created`, 303),
      );
    })
    .get("/contacts/:id", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const contact = await readContact(deps, viewer, c.req.param("id"));
      return c.html(<ContactDetailPage ctx={page(c)} contact={contact} fresh={null} notice={notice(c)} />);
    })
    .get("/contacts/:id/edit", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const contact = await readContact(deps, viewer, c.req.param("id"));
      return c.html(<ContactFormPage ctx={page(c)} contactId={contact.id} values={formValues(contact)} />);
    })
    .post("/contacts/:id/edit", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const id = c.req.param("id");
      const form = await readForm(c);
      return handleForm(
        () => updateContact(deps, viewer, id, form),
        (errors) =>
          c.html(<ContactFormPage ctx={page(c)} contactId={id} values={form} errors={errors} />, 422),
        () => c.redirect(`/contacts/${id}?notice=saved`, 303),
      );
    })
    .get("/contacts/:id/delete", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const contact = await readContact(deps, viewer, c.req.param("id"));
      return c.html(<DeleteContactPage ctx={page(c)} contact={contact} />);
    })
    .post("/contacts/:id/delete", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await deleteContact(deps, viewer, c.req.param("id"));
      return c.redirect("/contacts?notice=deleted", 303);
    })
    .post("/contacts/:id/invite", async (c) => {
      // Renders the page rather than redirecting: the link exists only in this response.
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const id = c.req.param("id");
      const invite = await createContactInvite(deps, viewer, id);
      const contact = await readContact(deps, viewer, id);
      const svg = await qrSvg(invite.url, c.get("t")("contacts.invite.qrLabel", { name: contact.name }));
      const fresh = { ...invite, qrSvg: svg };
      return c.html(<ContactDetailPage ctx={page(c)} contact={contact} fresh={fresh} notice={null} />);
    });
}
