import { raw } from "hono/html";
import type { ResolvedCode } from "../../../services/connect-codes/resolve.ts";
import type { PageContext } from "../../page-context.ts";
import { type Errors, Field, Form, FormErrors, type Values } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { DateField } from "./contacts-form.tsx";
import { JoinOrSignIn } from "./invite.tsx";

/** "My code": a QR code to show someone in person, its link, and when it stops working. */
export function ConnectCodePage(p: { ctx: PageContext; url: string; expiresAt: string; qrSvg: string }) {
  const { t, fmt } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t("connectCode.title")}>
      <h1>{t("connectCode.title")}</h1>
      <p>{t("connectCode.intro")}</p>
      <figure class="card">
        {raw(p.qrSvg)}
        <figcaption>{t("connectCode.expires", { date: fmt.dateTime(p.expiresAt) })}</figcaption>
      </figure>
      <p>{t("connectCode.link")}</p>
      <code class="secret">{p.url}</code>
      <p>
        <a href="/network/code" class="button">
          {t("connectCode.new")}
        </a>
      </p>
    </Layout>
  );
}

/** A scanned code: the request form, prefilled with "met in person" today, or why there is none. */
export function ConnectRequestPage(p: {
  ctx: PageContext;
  token: string;
  code: ResolvedCode;
  values?: Values;
  errors?: Errors;
}) {
  const { ctx, code } = p;
  const { t } = ctx;
  const { owner } = code;
  const title =
    code.viewerIs === "owner"
      ? t("connectCode.title")
      : t("connectCode.requestTitle", { name: owner.displayName });
  const values = p.values ?? { metOn: code.today };
  const common = { ctx, values, errors: p.errors };
  const profile = (
    <a href={`/@${owner.handle}`}>
      {owner.displayName} (@{owner.handle})
    </a>
  );
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <FormErrors ctx={ctx} errors={p.errors} />
      {code.viewerIs === null && (
        <>
          <p>
            {t("connectCode.joinIntro", { instance: ctx.instanceName })} {profile}
          </p>
          <JoinOrSignIn ctx={ctx} next={`/connect/${p.token}`} />
        </>
      )}
      {code.viewerIs === "owner" && <p class="alert alert-error">{t("error.connectCode.own")}</p>}
      {code.viewerIs === "blocked" && <p class="alert alert-error">{t("error.contactInvite.blocked")}</p>}
      {code.viewerIs === "connected" && (
        <p>
          {t("contactInvite.alreadyConnected")} {profile}
        </p>
      )}
      {code.viewerIs === "member" && (
        <Form ctx={ctx} action={`/connect/${p.token}`} class="card">
          <p>
            {t("connectCode.requestIntro")} {profile}
          </p>
          <DateField {...common} name="metOn" label={t("connectCode.metOn")} max={code.today} />
          <Field {...common} name="metWhere" label={t("connectCode.metWhere")} maxlength={200} />
          <Field
            {...common}
            name="note"
            label={t("connectCode.note")}
            hint={t("connectCode.noteHint")}
            multiline
            rows={3}
            maxlength={500}
          />
          <button type="submit">{t("connectCode.send", { name: owner.displayName })}</button>
        </Form>
      )}
    </Layout>
  );
}

/** A code past its 15 minutes. */
export function ConnectCodeExpiredPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("connectCode.expired.title")}>
      <h1>{t("connectCode.expired.title")}</h1>
      <p>{t("connectCode.expired.explain")}</p>
      <p>
        <a href="/">{t("error.home")}</a>
      </p>
    </Layout>
  );
}
