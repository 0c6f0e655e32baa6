import { Hono } from "hono";
import type { Child } from "hono/jsx";
import type { Invalid } from "../../domain/errors.ts";
import type { Deps } from "../../services/deps.ts";
import { welcomePrompt } from "../../services/messages/compose.ts";
import { inboxVersion } from "../../services/messages/inbox-version.ts";
import { splitHandleList } from "../../services/messages/input.ts";
import { countRequests, listConversations } from "../../services/messages/list.ts";
import { readConversation } from "../../services/messages/read.ts";
import { acceptRequest, declineRequest } from "../../services/messages/requests.ts";
import { sendMessage } from "../../services/messages/send.ts";
import { startConversation } from "../../services/messages/start.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { handleForm, readForm, viewerOrRedirect } from "../http.ts";
import { memberPage } from "../page-cache.ts";
import { type PageContext, pageContext } from "../page-context.ts";
import type { Values } from "../views/form.tsx";
import { MessagesPage } from "../views/pages/messages.tsx";
import { NewMessagePage } from "../views/pages/messages-new.tsx";
import { ThreadPage } from "../views/pages/messages-thread.tsx";

const notices = {
  accepted: "messages.notice.accepted",
  declined: "messages.notice.declined",
  blocked: "messages.notice.blocked",
} as const;

function noticeOf(c: AppContext): string | null {
  const key = notices[c.req.query("notice") as keyof typeof notices];
  return key ? c.get("t")(key) : null;
}

/** Direct messages: the inbox, the message requests, composing, a conversation and its answers. */
export function messageRoutes(deps: Deps) {
  const ctxOf = (c: AppContext) => pageContext(c, deps.config.instanceName);

  /**
   * A page of the viewer's own conversations, kept for them while their inbox version has not moved
   * (it moves with every change to their conversations: services/messages/inbox-version.ts): drawn
   * again only when something changed, or every few seconds (the names of the people in it).
   */
  async function ownPage(c: AppContext, viewerId: string, render: (ctx: PageContext) => Promise<Child>) {
    const version = await inboxVersion(deps.db, viewerId);
    return memberPage(c, deps.config.instanceName, `${viewerId}.${version}`, render);
  }

  function boxPage(c: AppContext, box: "inbox" | "requests") {
    const viewer = viewerOrRedirect(c);
    if (viewer instanceof Response) return viewer;
    const before = c.req.query("before");
    return ownPage(c, viewer.accountId, async (ctx) => {
      const [page, requestCount] = await Promise.all([
        listConversations(deps, viewer, { box, before }),
        countRequests(deps, viewer),
      ]);
      return (
        <MessagesPage
          ctx={ctx}
          box={box}
          page={page}
          requestCount={requestCount}
          firstPage={!before}
          notice={noticeOf(c)}
        />
      );
    });
  }

  async function composePage(c: AppContext, values: Values, errors?: Invalid["fields"]) {
    const viewer = c.get("viewer");
    if (!viewer) throw new Error("composePage needs a viewer");
    const [only, ...more] = splitHandleList(values.to ?? "");
    const welcome = only && more.length === 0 ? await welcomePrompt(deps, viewer, only) : null;
    return c.html(
      <NewMessagePage ctx={ctxOf(c)} values={values} errors={errors} welcome={welcome} />,
      errors ? 422 : 200,
    );
  }

  /** A conversation: kept for its member as their own pages are; a form sent back is drawn for it. */
  async function threadPage(c: AppContext, extra: { values?: Values; errors?: Invalid["fields"] } = {}) {
    const viewer = c.get("viewer");
    if (!viewer) throw new Error("threadPage needs a viewer");
    const before = extra.errors ? undefined : c.req.query("before");
    const draw = async (ctx: PageContext) => (
      <ThreadPage
        ctx={ctx}
        thread={await readConversation(deps, viewer, c.req.param("id") ?? "", { before })}
        olderPage={Boolean(before)}
        notice={noticeOf(c)}
        {...extra}
      />
    );
    if (!extra.errors) return ownPage(c, viewer.accountId, draw);
    return c.html(await draw(ctxOf(c)), 422);
  }

  return new Hono<AppEnv>()
    .get("/messages", (c) => boxPage(c, "inbox"))
    .get("/messages/requests", (c) => boxPage(c, "requests"))
    .get("/messages/new", (c) => {
      const viewer = viewerOrRedirect(c);
      return viewer instanceof Response ? viewer : composePage(c, { to: c.req.query("to") ?? "" });
    })
    .post("/messages", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const form = await readForm(c);
      return handleForm(
        () =>
          startConversation(deps, viewer, {
            to: splitHandleList(form.to ?? ""),
            body: form.body ?? "",
            title: form.title,
          }),
        (errors) => composePage(c, form, errors),
        ({ conversationId, messageId }) => c.redirect(`/messages/${conversationId}#m-${messageId}`, 303),
      );
    })
    .get("/messages/:id", (c) => {
      const viewer = viewerOrRedirect(c);
      return viewer instanceof Response ? viewer : threadPage(c);
    })
    .post("/messages/:id", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const form = await readForm(c);
      const id = c.req.param("id");
      return handleForm(
        () => sendMessage(deps, viewer, id, { body: form.body ?? "" }),
        (errors) => threadPage(c, { values: form, errors }),
        ({ messageId }) => c.redirect(`/messages/${id}#m-${messageId}`, 303),
      );
    })
    .post("/messages/:id/accept", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await acceptRequest(deps, viewer, c.req.param("id"));
      return c.redirect(`/messages/${c.req.param("id")}?notice=accepted`, 303);
    })
    .post("/messages/:id/decline", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await declineRequest(deps, viewer, c.req.param("id"));
      return c.redirect("/messages/requests?notice=declined", 303);
    })
    .post("/messages/:id/decline-and-block", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await declineRequest(deps, viewer, c.req.param("id"), { block: true });
      return c.redirect("/messages/requests?notice=blocked", 303);
    });
}
