import type { PageContext } from "../../page-context.ts";
import { type Errors, Field, Form, FormErrors, Select, type Values } from "../form.tsx";
import { Layout } from "../layout.tsx";

/** A labelled date input (YYYY-MM-DD), with its error beside it, keeping what was typed. */
export function DateField(p: {
  ctx: PageContext;
  name: string;
  label: string;
  values?: Values | undefined;
  errors?: Errors | undefined;
  max?: string;
}) {
  const id = `field-${p.name}`;
  const error = p.errors?.[p.name];
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>{p.label}</label>
      <input
        id={id}
        name={p.name}
        type="date"
        value={p.values?.[p.name]}
        max={p.max}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {p.ctx.t(error.key, error.params)}
        </p>
      )}
    </div>
  );
}

/** Adding or editing a contact: every field of the private address book entry. */
export function ContactFormPage(p: {
  ctx: PageContext;
  /** The contact being edited, or null when adding one. */
  contactId: string | null;
  values: Values;
  errors?: Errors | undefined;
}) {
  const { ctx, values, errors } = p;
  const { t } = ctx;
  const title = p.contactId ? t("contacts.edit.title", { name: values.name ?? "" }) : t("contacts.new.title");
  const common = { ctx, values, errors };
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t("contacts.privacy")}</p>
      <FormErrors ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={p.contactId ? `/contacts/${p.contactId}/edit` : "/contacts/new"} class="card">
        <Field {...common} name="name" label={t("contacts.field.name")} required maxlength={100} />
        <Field {...common} name="metWhere" label={t("contacts.field.metWhere")} maxlength={200} />
        <DateField {...common} name="metOn" label={t("contacts.field.metOn")} />
        <Field
          {...common}
          name="howMet"
          label={t("contacts.field.howMet")}
          hint={t("contacts.field.howMetHint")}
          multiline
          rows={3}
          maxlength={1000}
        />
        <Field {...common} name="notes" label={t("contacts.field.notes")} multiline rows={6} />
        <Field {...common} name="tags" label={t("contacts.field.tags")} hint={t("editProfile.tagsHint")} />
        <Select
          ctx={ctx}
          name="side"
          label={t("contacts.field.side")}
          options={[
            { value: "personal", label: t("contacts.side.personal") },
            { value: "professional", label: t("contacts.side.professional") },
            { value: "both", label: t("contacts.side.both") },
          ]}
          selected={values.side ?? "personal"}
          errors={errors}
        />
        <Field {...common} name="email" type="email" label={t("contacts.field.email")} autocomplete="off" />
        <Field {...common} name="phone" label={t("contacts.field.phone")} autocomplete="off" maxlength={40} />
        <Field
          {...common}
          name="links"
          label={t("contacts.field.links")}
          hint={t("editProfile.linksHint")}
          multiline
          rows={3}
        />
        <div class="actions">
          <button type="submit">{p.contactId ? t("contacts.save") : t("contacts.add")}</button>
          <a href={p.contactId ? `/contacts/${p.contactId}` : "/contacts"}>{t("contacts.cancel")}</a>
        </div>
      </Form>
    </Layout>
  );
}
