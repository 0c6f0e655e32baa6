import type { PageContext } from "../../page-context.ts";
import { type Errors, Field, Form, FormErrors, Notice, type Values } from "../form.tsx";
import { Layout } from "../layout.tsx";

export function SignUpPage(p: {
  ctx: PageContext;
  values?: Values;
  errors?: Errors;
  invite?: string | undefined;
  next?: string | undefined;
  notice?: "firstAdmin" | "closed" | "inviteOnly" | null;
}) {
  const { ctx, values, errors } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("signUp.title")}>
      <h1>{t("signUp.title")}</h1>
      {p.notice === "firstAdmin" && <Notice text={t("signUp.firstAdmin")} />}
      {p.notice === "closed" && <p class="alert alert-error">{t("signUp.closed")}</p>}
      {p.notice === "inviteOnly" && <p class="alert alert-error">{t("signUp.inviteOnly")}</p>}
      <p>{t("signUp.intro")}</p>
      <FormErrors ctx={ctx} errors={errors} />
      <Form ctx={ctx} action="/signup" class="card">
        {p.invite && <input type="hidden" name="invite" value={p.invite} />}
        {p.next && <input type="hidden" name="next" value={p.next} />}
        <Field
          ctx={ctx}
          name="handle"
          label={t("signUp.handle")}
          hint={t("signUp.handleHint")}
          values={values}
          errors={errors}
          required
          autocomplete="username"
          maxlength={31}
        />
        <Field
          ctx={ctx}
          name="displayName"
          label={t("signUp.displayName")}
          values={values}
          errors={errors}
          maxlength={100}
          autocomplete="name"
        />
        <Field
          ctx={ctx}
          name="email"
          type="email"
          label={t("signUp.email")}
          values={values}
          errors={errors}
          required
          autocomplete="email"
        />
        <Field
          ctx={ctx}
          name="password"
          type="password"
          label={t("signUp.password")}
          hint={t("signUp.passwordHint")}
          errors={errors}
          required
          autocomplete="new-password"
        />
        <button type="submit">{t("signUp.submit")}</button>
      </Form>
      <p>
        {t("signUp.haveAccount")} <a href="/signin">{t("nav.signIn")}</a>
      </p>
    </Layout>
  );
}

export function SignInPage(p: {
  ctx: PageContext;
  values?: Values;
  errors?: Errors;
  next?: string | undefined;
  notice?: string | null;
}) {
  const { ctx, values, errors } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("signIn.title")}>
      <h1>{t("signIn.title")}</h1>
      <Notice text={p.notice ?? null} />
      <FormErrors ctx={ctx} errors={errors} />
      <Form ctx={ctx} action="/signin" class="card">
        {p.next && <input type="hidden" name="next" value={p.next} />}
        <Field
          ctx={ctx}
          name="login"
          label={t("signIn.login")}
          values={values}
          errors={errors}
          required
          autocomplete="username"
        />
        <Field
          ctx={ctx}
          name="password"
          type="password"
          label={t("signIn.password")}
          errors={errors}
          required
          autocomplete="current-password"
        />
        <button type="submit">{t("signIn.submit")}</button>
      </Form>
      <p>{t("signIn.forgot")}</p>
      <p>
        {t("signIn.noAccount")} <a href="/signup">{t("nav.signUp")}</a>
      </p>
    </Layout>
  );
}

export function ResetPasswordPage(p: { ctx: PageContext; token: string; errors?: Errors }) {
  const { ctx, errors } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("reset.title")}>
      <h1>{t("reset.title")}</h1>
      <FormErrors ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={`/reset-password/${p.token}`} class="card">
        <Field
          ctx={ctx}
          name="password"
          type="password"
          label={t("reset.password")}
          hint={t("signUp.passwordHint")}
          errors={errors}
          required
          autocomplete="new-password"
        />
        <button type="submit">{t("reset.submit")}</button>
      </Form>
    </Layout>
  );
}
