import type { WelcomePrompt } from "../../../services/messages/compose.ts";
import type { PageContext } from "../../page-context.ts";
import { type Errors, Field, Form, FormErrors, type Values } from "../form.tsx";
import { Layout } from "../layout.tsx";

/** The welcome step's context: what the viewer noted about how they met — facts, never a draft. */
function WelcomeContext({ ctx, prompt }: { ctx: PageContext; prompt: WelcomePrompt }) {
  const { t, fmt } = ctx;
  const facts = [
    { label: t("messages.welcome.metWhere"), value: prompt.metWhere },
    { label: t("messages.welcome.metOn"), value: prompt.metOn ? fmt.date(prompt.metOn) : "" },
    { label: t("messages.welcome.metThrough"), value: prompt.metThrough },
  ].filter((fact) => fact.value !== "");
  return (
    <section class="card" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t("messages.welcome.title", { name: prompt.displayName })}</h2>
      <p>{t("messages.welcome.intro", { name: prompt.displayName })}</p>
      <dl>
        <dt>{t("messages.welcome.connectedOn")}</dt>
        <dd>{fmt.date(prompt.connectedAt)}</dd>
        {facts.map((fact) => (
          <>
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </>
        ))}
      </dl>
      {facts.length === 0 && <p class="muted">{t("messages.welcome.nothingNoted")}</p>}
    </section>
  );
}

/** The compose form: to whom (handles), an optional group name, the message. */
export function NewMessagePage(p: {
  ctx: PageContext;
  values: Values;
  errors?: Errors | undefined;
  welcome: WelcomePrompt | null;
}) {
  const { ctx, values, errors } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("messages.compose.title")}>
      <h1>{t("messages.compose.title")}</h1>
      <p>
        <a href="/messages">{t("messages.backToInbox")}</a>
      </p>
      {p.welcome && <WelcomeContext ctx={ctx} prompt={p.welcome} />}
      <FormErrors ctx={ctx} errors={errors} />
      <Form ctx={ctx} action="/messages">
        <Field
          ctx={ctx}
          name="to"
          label={t("messages.compose.to")}
          hint={t("messages.compose.toHint")}
          values={values}
          errors={errors}
          required
          autocomplete="off"
        />
        <Field
          ctx={ctx}
          name="title"
          label={t("messages.compose.groupTitle")}
          hint={t("messages.compose.groupTitleHint")}
          values={values}
          errors={errors}
          maxlength={100}
        />
        <Field
          ctx={ctx}
          name="body"
          label={t("messages.compose.body")}
          values={values}
          errors={errors}
          required
          multiline
          rows={6}
          maxlength={5000}
        />
        <button type="submit">{t("messages.compose.send")}</button>
      </Form>
    </Layout>
  );
}
