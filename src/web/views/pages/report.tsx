import type { PageContext } from "../../page-context.ts";
import { type Errors, Field, Form, FormErrors, type Values } from "../form.tsx";
import { Layout } from "../layout.tsx";

export function ReportPage(p: {
  ctx: PageContext;
  handle: string;
  values?: Values;
  errors?: Errors | undefined;
}) {
  const { ctx, handle } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("report.title", { handle })}>
      <h1>{t("report.title", { handle })}</h1>
      <p>{t("report.intro", { handle })}</p>
      <FormErrors ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action={`/@${handle}/report`} class="card">
        <Field
          ctx={ctx}
          name="reason"
          label={t("report.reason")}
          values={p.values}
          errors={p.errors}
          multiline
          rows={5}
          required
          maxlength={2000}
        />
        <button type="submit">{t("report.submit")}</button>
      </Form>
    </Layout>
  );
}
