import type { ConversationPage, ConversationSummary } from "../../../services/messages/list.ts";
import type { Person } from "../../../services/messages/people.ts";
import type { PageContext } from "../../page-context.ts";
import { Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { Avatar } from "./profile.tsx";

const PREVIEW_LENGTH = 140;

/** What a conversation is called: its group name, else the names of the others in it. */
export function conversationName(conversation: { title: string; others: Person[] }): string {
  return conversation.title || conversation.others.map((p) => p.displayName).join(", ");
}

function preview(body: string): string {
  const oneLine = body.replace(/\s+/g, " ");
  return oneLine.length > PREVIEW_LENGTH ? `${oneLine.slice(0, PREVIEW_LENGTH - 1)}…` : oneLine;
}

function ConversationItem({ ctx, conversation }: { ctx: PageContext; conversation: ConversationSummary }) {
  const { t, fmt } = ctx;
  const [first] = conversation.others;
  const last = conversation.lastMessage;
  return (
    <li class={conversation.unreadCount > 0 ? "conversation unread" : "conversation"}>
      {first && <Avatar ctx={ctx} profile={first} size={40} />}
      <div>
        <a href={`/messages/${conversation.id}`}>
          <strong>{conversationName(conversation)}</strong>
        </a>{" "}
        <span class="muted">{conversation.others.map((p) => `@${p.handle}`).join(" ")}</span>
        {conversation.unreadCount > 0 && (
          <strong> · {t("messages.unread", { count: conversation.unreadCount })}</strong>
        )}
        <p>
          {last ? (
            <>
              {last.fromViewer && <span class="muted">{t("messages.you")} </span>}
              {preview(last.body)}
            </>
          ) : (
            <span class="muted">{t("messages.noMessage")}</span>
          )}
        </p>
        <p class="muted">{t("messages.lastAt", { date: fmt.dateTime(conversation.lastMessageAt) })}</p>
      </div>
    </li>
  );
}

/** The inbox or the message requests: newest first, 20 a page, with a link to older ones. */
export function MessagesPage(p: {
  ctx: PageContext;
  box: "inbox" | "requests";
  page: ConversationPage;
  requestCount: number;
  firstPage: boolean;
  notice?: string | null;
}) {
  const { ctx, box, page } = p;
  const { t } = ctx;
  const base = box === "inbox" ? "/messages" : "/messages/requests";
  return (
    <Layout ctx={ctx} title={t(box === "inbox" ? "messages.title" : "messages.requests")}>
      <h1>{t(box === "inbox" ? "messages.title" : "messages.requests")}</h1>
      <Notice text={p.notice ?? null} />
      <p class="actions">
        <a class="button" href="/messages/new">
          {t("messages.new")}
        </a>
        {box === "inbox" ? (
          <a href="/messages/requests">{t("messages.requestsLink", { count: p.requestCount })}</a>
        ) : (
          <a href="/messages">{t("messages.backToInbox")}</a>
        )}
      </p>
      {box === "requests" && <p>{t("messages.requestsIntro")}</p>}
      <section aria-label={t(box === "inbox" ? "messages.inbox" : "messages.requests")}>
        {page.conversations.length === 0 ? (
          <p class="muted">{t(box === "inbox" ? "messages.empty" : "messages.requestsEmpty")}</p>
        ) : (
          <ul class="conversations">
            {page.conversations.map((conversation) => (
              <ConversationItem ctx={ctx} conversation={conversation} />
            ))}
          </ul>
        )}
      </section>
      <p class="actions">
        {!p.firstPage && <a href={base}>{t("messages.newest")}</a>}
        {page.olderCursor && (
          <a href={`${base}?before=${encodeURIComponent(page.olderCursor)}`} rel="next">
            {t("messages.older")}
          </a>
        )}
      </p>
    </Layout>
  );
}
