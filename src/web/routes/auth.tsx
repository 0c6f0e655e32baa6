import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { register } from "../../services/accounts/register.ts";
import { findPasswordReset, resetPassword } from "../../services/accounts/reset-password.ts";
import { signIn } from "../../services/accounts/sign-in.ts";
import type { Deps } from "../../services/deps.ts";
import { getRegistrationMode } from "../../services/instance/settings.ts";
import { createSession, SESSION_LIFETIME_SECONDS } from "../../services/sessions/create.ts";
import { revokeSession } from "../../services/sessions/revoke.ts";
import { clearAppCookie, cookieNames, setAppCookie } from "../cookies.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { clientInfo, handleForm, readForm, safeNext } from "../http.ts";
import { anonymousPage } from "../page-cache.ts";
import { pageContext } from "../page-context.ts";
import { ResetPasswordPage, SignInPage, SignUpPage } from "../views/pages/auth.tsx";

export function authRoutes(deps: Deps) {
  const names = cookieNames(deps.config);
  const page = (c: AppContext) => pageContext(c, deps.config.instanceName);
  const startSession = (c: AppContext, token: string) =>
    setAppCookie(c, deps.config, names.session, token, SESSION_LIFETIME_SECONDS);

  async function signUpNotice(invite: string | undefined) {
    const { count } = await deps.db
      .selectFrom("accounts")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow();
    if (Number(count) === 0) return "firstAdmin" as const;
    const mode = await getRegistrationMode(deps.db);
    if (mode === "closed") return "closed" as const;
    if (mode === "invite" && !invite) return "inviteOnly" as const;
    return null;
  }

  return new Hono<AppEnv>()
    .get("/signup", async (c) => {
      if (c.get("viewer")) return c.redirect("/", 303);
      const invite = c.req.query("invite");
      return c.html(
        <SignUpPage
          ctx={page(c)}
          invite={invite}
          next={c.req.query("next")}
          notice={await signUpNotice(invite)}
        />,
      );
    })
    .post("/signup", async (c) => {
      const form = await readForm(c);
      return handleForm(
        () =>
          register(deps, {
            handle: form.handle ?? "",
            email: form.email ?? "",
            password: form.password ?? "",
            displayName: form.displayName,
            invite: form.invite,
            locale: c.get("locale"),
          }),
        async (errors) =>
          c.html(
            <SignUpPage
              ctx={page(c)}
              values={form}
              errors={errors}
              invite={form.invite}
              next={form.next}
              notice={await signUpNotice(form.invite)}
            />,
            422,
          ),
        async (account) => {
          const { token } = await createSession(deps, account.accountId, clientInfo(c, deps.config));
          startSession(c, token);
          // Someone who came through a link (a contact's invitation, say) goes back to it.
          return c.redirect(safeNext(form.next, "/profile/edit"), 303);
        },
      );
    })
    .get("/signin", (c) => {
      if (c.get("viewer")) return c.redirect("/", 303);
      const done = c.req.query("reset") === "done" ? c.get("t")("reset.done") : null;
      return anonymousPage(c, deps.config.instanceName, (ctx) => (
        <SignInPage ctx={ctx} next={c.req.query("next")} notice={done} />
      ));
    })
    .post("/signin", async (c) => {
      const form = await readForm(c);
      return handleForm(
        () =>
          signIn(
            deps,
            { login: form.login ?? "", password: form.password ?? "" },
            clientInfo(c, deps.config),
          ),
        (errors) =>
          c.html(
            <SignInPage ctx={page(c)} values={{ login: form.login }} errors={errors} next={form.next} />,
            422,
          ),
        ({ token, deletionCancelled }) => {
          startSession(c, token);
          // A clear notice that signing in cancelled the account's deletion.
          if (deletionCancelled) return c.redirect("/settings/data?notice=deletionCancelled", 303);
          return c.redirect(safeNext(form.next), 303);
        },
      );
    })
    .post("/signout", async (c) => {
      const viewer = c.get("viewer");
      if (viewer && getCookie(c, names.session)) await revokeSession(deps, viewer, viewer.sessionId);
      clearAppCookie(c, deps.config, names.session);
      return c.redirect("/", 303);
    })
    .get("/reset-password/:token", async (c) => {
      await findPasswordReset(deps, c.req.param("token"));
      return c.html(<ResetPasswordPage ctx={page(c)} token={c.req.param("token")} />);
    })
    .post("/reset-password/:token", async (c) => {
      const token = c.req.param("token");
      const form = await readForm(c);
      return handleForm(
        () => resetPassword(deps, token, { password: form.password ?? "" }),
        (errors) => c.html(<ResetPasswordPage ctx={page(c)} token={token} errors={errors} />, 422),
        () => {
          clearAppCookie(c, deps.config, names.session);
          return c.redirect("/signin?reset=done", 303);
        },
      );
    });
}
