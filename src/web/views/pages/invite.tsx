import type { InviteView } from "../../../services/contacts/invite.ts";
import type { PageContext } from "../../page-context.ts";
import { type Errors, Form, FormErrors } from "../form.tsx";
import { Layout } from "../layout.tsx";

type OpenInvite = Extract<InviteView, { state: "open" }>;
type Person = { handle: string; displayName: string };

/** For someone not signed in: join, or sign in, and come back to `next`. */
export function JoinOrSignIn({ ctx, next }: { ctx: PageContext; next: string }) {
  const back = encodeURIComponent(next);
  return (
    <p class="actions">
      <a href={`/signup?next=${back}`} class="button">
        {ctx.t("nav.signUp")}
      </a>
      <a href={`/signin?next=${back}`}>{ctx.t("nav.signIn")}</a>
    </p>
  );
}

function ProfileLink({ person }: { person: Person }) {
  return (
    <a href={`/@${person.handle}`}>
      {person.displayName} (@{person.handle})
    </a>
  );
}

function AnswerButtons({ ctx, token, owner }: { ctx: PageContext; token: string; owner: Person }) {
  const { t } = ctx;
  return (
    <div class="actions">
      <Form ctx={ctx} action={`/invite/${token}/accept`}>
        <button type="submit">{t("contactInvite.accept", { name: owner.displayName })}</button>
      </Form>
      <Form ctx={ctx} action={`/invite/${token}/decline`}>
        <button type="submit" class="secondary">
          {t("contactInvite.decline")}
        </button>
      </Form>
    </div>
  );
}

/** An open invitation, as the person holding the link sees it: never the owner's notes about them. */
export function InvitePage(p: { ctx: PageContext; token: string; invite: OpenInvite; errors?: Errors }) {
  const { ctx, invite, token } = p;
  const { t } = ctx;
  const { owner } = invite;
  const title =
    invite.viewerIs === null
      ? t("contactInvite.joinTitle", { name: owner.displayName, instance: ctx.instanceName })
      : t("contactInvite.title", { name: owner.displayName });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <FormErrors ctx={ctx} errors={p.errors} />
      {invite.viewerIs === null && (
        <>
          <p>
            {t("contactInvite.joinIntro", { name: owner.displayName, instance: ctx.instanceName })}{" "}
            <ProfileLink person={owner} />
          </p>
          <JoinOrSignIn ctx={ctx} next={`/invite/${token}`} />
        </>
      )}
      {invite.viewerIs === "owner" && (
        <p>
          {t("contactInvite.own", { name: invite.contactName ?? "" })}{" "}
          <a href="/contacts">{t("contacts.back")}</a>
        </p>
      )}
      {invite.viewerIs === "blocked" && <p class="alert alert-error">{t("error.contactInvite.blocked")}</p>}
      {invite.viewerIs === "connected" && (
        <>
          <p>
            {t("contactInvite.alreadyConnected")} <ProfileLink person={owner} />
          </p>
          <AnswerButtons ctx={ctx} token={token} owner={owner} />
        </>
      )}
      {invite.viewerIs === "member" && (
        <>
          <p>
            {t("contactInvite.intro", { instance: ctx.instanceName })} <ProfileLink person={owner} />
          </p>
          <p class="muted">{t("contactInvite.expires", { date: ctx.fmt.dateTime(invite.expiresAt) })}</p>
          <AnswerButtons ctx={ctx} token={token} owner={owner} />
        </>
      )}
    </Layout>
  );
}

/** A used or expired invitation, said plainly. */
export function InviteClosedPage({ ctx, state }: { ctx: PageContext; state: "used" | "expired" }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(`contactInvite.${state}.title`)}>
      <h1>{t(`contactInvite.${state}.title`)}</h1>
      <p>{t(`contactInvite.${state}.explain`)}</p>
      <p>
        <a href="/">{t("error.home")}</a>
      </p>
    </Layout>
  );
}

/** After answering: connected (with the way to their profile), or closed. */
export function InviteAnsweredPage(p: { ctx: PageContext; answer: "accepted" | "declined"; owner: Person }) {
  const { t } = p.ctx;
  const title = t(`contactInvite.${p.answer}.title`, { name: p.owner.displayName });
  return (
    <Layout ctx={p.ctx} title={title}>
      <h1>{title}</h1>
      <p role="status">{t(`contactInvite.${p.answer}.explain`, { name: p.owner.displayName })}</p>
      {p.answer === "accepted" && (
        <p>
          <ProfileLink person={p.owner} />
        </p>
      )}
    </Layout>
  );
}
