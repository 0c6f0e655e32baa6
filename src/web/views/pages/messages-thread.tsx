import type { MessageView, ThreadView } from "../../../services/messages/read.ts";
import type { PageContext } from "../../page-context.ts";
import { type Errors, Field, Form, FormErrors, Notice, type Values } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { RichText } from "../rich-text.tsx";
import { conversationName } from "./messages.tsx";

function Message({ ctx, message }: { ctx: PageContext; message: MessageView }) {
  const name = message.sender?.displayName ?? "?";
  return (
    <li id={`m-${message.id}`} class={message.fromViewer ? "message mine" : "message"}>
      <p class="muted">
        {ctx.t("messages.thread.sentBy", { name, date: ctx.fmt.dateTime(message.createdAt) })}
      </p>
      <RichText text={message.body} />
    </li>
  );
}

/** For a message request: what the sender will (not) know, and the three answers. */
function RequestAnswer({ ctx, thread }: { ctx: PageContext; thread: ThreadView }) {
  const { t } = ctx;
  const sender = thread.startedBy;
  return (
    <section class="card" aria-labelledby="request-title">
      <h2 id="request-title">{t("messages.requests")}</h2>
      <p>{t("messages.request.note", { name: sender?.displayName ?? "?" })}</p>
      <div class="actions">
        <Form ctx={ctx} action={`/messages/${thread.id}/accept`}>
          <button type="submit">{t("messages.request.accept")}</button>
        </Form>
        <Form ctx={ctx} action={`/messages/${thread.id}/decline`}>
          <button type="submit" class="secondary">
            {t("messages.request.decline")}
          </button>
        </Form>
        {sender && (
          <Form ctx={ctx} action={`/messages/${thread.id}/decline-and-block`}>
            <button type="submit" class="danger">
              {t("messages.request.declineAndBlock", { handle: sender.handle })}
            </button>
          </Form>
        )}
      </div>
    </section>
  );
}

/** One conversation: its messages oldest to newest (40 a page), then the reply form. */
export function ThreadPage(p: {
  ctx: PageContext;
  thread: ThreadView;
  olderPage: boolean;
  values?: Values;
  errors?: Errors | undefined;
  notice?: string | null;
}) {
  const { ctx, thread } = p;
  const { t } = ctx;
  const name = conversationName(thread);
  return (
    <Layout ctx={ctx} title={name}>
      <h1>{t("messages.thread.with", { names: name })}</h1>
      <Notice text={p.notice ?? null} />
      <p class="actions">
        {thread.state === "request" ? (
          <a href="/messages/requests">{t("messages.backToRequests")}</a>
        ) : (
          <a href="/messages">{t("messages.backToInbox")}</a>
        )}
      </p>
      <p>
        <span class="muted">{t("text.labelled", { label: t("messages.thread.people") })} </span>
        {thread.others.map((person) => (
          <>
            <a href={`/@${person.handle}`}>{person.displayName}</a>{" "}
            <span class="muted">@{person.handle}</span>{" "}
          </>
        ))}
      </p>
      {thread.state === "request" && <RequestAnswer ctx={ctx} thread={thread} />}
      {thread.olderCursor && (
        <p>
          <a href={`/messages/${thread.id}?before=${encodeURIComponent(thread.olderCursor)}`} rel="prev">
            {t("messages.thread.older")}
          </a>
        </p>
      )}
      {thread.messages.length === 0 ? (
        <p class="muted">{t("messages.thread.empty")}</p>
      ) : (
        <ol class="messages" aria-label={name}>
          {thread.messages.map((message) => (
            <Message ctx={ctx} message={message} />
          ))}
        </ol>
      )}
      {p.olderPage && (
        <p>
          <a href={`/messages/${thread.id}`}>{t("messages.thread.newest")}</a>
        </p>
      )}
      <FormErrors ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action={`/messages/${thread.id}`}>
        {thread.state === "request" && <p class="hint">{t("messages.request.replyAccepts")}</p>}
        <Field
          ctx={ctx}
          name="body"
          label={t("messages.thread.reply")}
          values={p.values}
          errors={p.errors}
          required
          multiline
          rows={4}
          maxlength={5000}
        />
        <button type="submit">{t("messages.thread.send")}</button>
      </Form>
    </Layout>
  );
}
