import type { Person } from "../../../services/graph/find.ts";
import type { PageContext } from "../../page-context.ts";
import { type Errors, Field, Form, FormErrors, type Values } from "../form.tsx";
import { HowWeMetFields } from "../how-we-met.tsx";
import { Layout } from "../layout.tsx";
import { PersonLine } from "../person.tsx";

export function ConnectionRequestPage(p: {
  ctx: PageContext;
  person: Person;
  values?: Values;
  errors?: Errors | undefined;
}) {
  const { ctx, person } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("connect.title", { name: person.displayName })}>
      <h1>{t("connect.title", { name: person.displayName })}</h1>
      <PersonLine person={person} />
      <p>{t("connect.intro", { name: person.displayName })}</p>
      <FormErrors ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action={`/@${person.handle}/connect`} class="card">
        <Field
          ctx={ctx}
          name="note"
          label={t("request.note")}
          hint={t("request.noteHint")}
          values={p.values}
          errors={p.errors}
          multiline
          rows={4}
          maxlength={500}
        />
        <HowWeMetFields ctx={ctx} values={p.values ?? {}} errors={p.errors} />
        <button type="submit">{t("connect.submit")}</button>
      </Form>
    </Layout>
  );
}
