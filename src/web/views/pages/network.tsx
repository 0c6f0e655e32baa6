import type { Reason } from "../../../domain/suggestions.ts";
import type { ConnectionEntry, Page, RequestEntry } from "../../../services/connections/list.ts";
import type { Person } from "../../../services/graph/find.ts";
import type { Suggestion } from "../../../services/suggestions/people-you-may-know.ts";
import type { PageContext } from "../../page-context.ts";
import { Form } from "../form.tsx";
import { HowWeMetText } from "../how-we-met.tsx";
import { Layout } from "../layout.tsx";
import { PersonLine } from "../person.tsx";

export interface NetworkData {
  welcome: ConnectionEntry[];
  received: RequestEntry[];
  sent: RequestEntry[];
  followRequests: (Person & { createdAt: string })[];
  connections: Page<ConnectionEntry>;
  suggestions: Suggestion[];
}

function reasonText(ctx: PageContext, reason: Reason, mutualNames: string[]): string {
  const { t } = ctx;
  switch (reason.kind) {
    case "mutual":
      return t(reason.count === 1 ? "suggestions.mutualOne" : "suggestions.mutual", {
        count: reason.count,
        names: mutualNames.filter(Boolean).join(", "),
      });
    case "tags":
      return t("suggestions.tags", { tags: reason.tags.join(", ") });
    case "contact":
      return t("suggestions.contact", { name: reason.name });
  }
}

function Suggestions({ ctx, suggestions }: { ctx: PageContext; suggestions: Suggestion[] }) {
  const { t } = ctx;
  if (suggestions.length === 0) return null;
  return (
    <section aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t("suggestions.title")}</h2>
      <ul class="plain">
        {suggestions.map((s) => (
          <li class="card">
            <PersonLine person={s.person}>
              {s.reasons.map((reason) => (
                <p class="muted">{reasonText(ctx, reason, s.mutualNames)}</p>
              ))}
            </PersonLine>
            <div class="actions">
              <a class="button" href={`/@${s.person.handle}/connect`}>
                {t("person.connect")}
              </a>
              <Form ctx={ctx} action={`/network/suggestions/${s.person.handle}/dismiss`}>
                <button
                  type="submit"
                  class="secondary"
                  aria-label={t("suggestions.dismissLabel", { name: s.person.displayName })}
                >
                  {t("suggestions.dismiss")}
                </button>
              </Form>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Answer = "accept" | "approve" | "decline" | "ignore";

/** The answers to a request, one small form each (`<base>/<answer>`); the first is the main one. */
function AnswerButtons(p: { ctx: PageContext; base: string; name: string; answers: Answer[] }) {
  const { t } = p.ctx;
  return (
    <div class="actions">
      {p.answers.map((answer, index) => (
        <Form ctx={p.ctx} action={`${p.base}/${answer}`}>
          {index === 0 ? (
            <button type="submit" aria-label={t("request.acceptFrom", { name: p.name })}>
              {t("request.accept")}
            </button>
          ) : (
            <button type="submit" class="secondary">
              {t(answer === "ignore" ? "request.ignore" : "request.decline")}
            </button>
          )}
        </Form>
      ))}
    </div>
  );
}

function ReceivedRequest({ ctx, request }: { ctx: PageContext; request: RequestEntry }) {
  const { t, fmt } = ctx;
  const name = request.person.displayName;
  return (
    <li class="card">
      <PersonLine person={request.person}>
        <p class="muted">{t("request.sentOn", { date: fmt.date(request.createdAt) })}</p>
      </PersonLine>
      {request.note ? (
        <blockquote class="note">{request.note}</blockquote>
      ) : (
        <p class="muted">{t("request.noNote")}</p>
      )}
      <HowWeMetText ctx={ctx} value={request} />
      <AnswerButtons
        ctx={ctx}
        base={`/network/requests/${request.id}`}
        name={name}
        answers={["accept", "decline", "ignore"]}
      />
    </li>
  );
}

export function NetworkPage({ ctx, data }: { ctx: PageContext; data: NetworkData }) {
  const { t, fmt } = ctx;
  return (
    <Layout ctx={ctx} title={t("network.title")}>
      <h1>{t("network.title")}</h1>
      <p class="actions">
        <a href="/contacts">{t("network.contacts")}</a>
        <a href="/network/code">{t("network.myCode")}</a>
      </p>

      {data.welcome.length > 0 && (
        <section aria-labelledby="welcome-title">
          <h2 id="welcome-title">{t("network.welcome.title")}</h2>
          <p>{t("network.welcome.intro")}</p>
          <ul class="plain">
            {data.welcome.map((c) => (
              <li class="card">
                <PersonLine person={c}>
                  <p class="muted">{t("network.welcome.connected", { date: fmt.date(c.since) })}</p>
                </PersonLine>
                <HowWeMetText ctx={ctx} value={c} />
                <a class="button" href={`/messages/new?to=${c.handle}`}>
                  {t("network.welcome.button", { name: c.displayName })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="received-title">
        <h2 id="received-title">{t("network.received.title")}</h2>
        {data.received.length === 0 ? (
          <p class="muted">{t("network.received.none")}</p>
        ) : (
          <ul class="plain">
            {data.received.map((request) => (
              <ReceivedRequest ctx={ctx} request={request} />
            ))}
          </ul>
        )}
      </section>

      {data.followRequests.length > 0 && (
        <section aria-labelledby="follow-requests-title">
          <h2 id="follow-requests-title">{t("network.followRequests.title")}</h2>
          <ul class="plain">
            {data.followRequests.map((person) => (
              <li class="card">
                <PersonLine person={person} />
                <AnswerButtons
                  ctx={ctx}
                  base={`/network/follow-requests/${person.handle}`}
                  name={person.displayName}
                  answers={["approve", "decline"]}
                />
              </li>
            ))}
          </ul>
        </section>
      )}

      {data.sent.length > 0 && (
        <section aria-labelledby="sent-title">
          <h2 id="sent-title">{t("network.sent.title")}</h2>
          <ul class="plain">
            {data.sent.map((request) => (
              <li class="card">
                <PersonLine person={request.person}>
                  <p class="muted">{t("request.sentOn", { date: fmt.date(request.createdAt) })}</p>
                </PersonLine>
                <Form ctx={ctx} action={`/network/requests/${request.id}/withdraw`}>
                  <button
                    type="submit"
                    class="secondary"
                    aria-label={t("request.withdrawTo", { name: request.person.displayName })}
                  >
                    {t("request.withdraw")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      )}

      <Suggestions ctx={ctx} suggestions={data.suggestions} />

      <section aria-labelledby="connections-title">
        <h2 id="connections-title">{t("network.connections.title")}</h2>
        {data.connections.items.length === 0 ? (
          <p class="muted">{t("network.connections.none")}</p>
        ) : (
          <ul class="plain">
            {data.connections.items.map((c) => (
              <li>
                <PersonLine person={c}>
                  <p class="muted">{t("network.connections.since", { date: fmt.date(c.since) })}</p>
                  <a href={`/nurture/with/@${c.handle}`}>{t("nurture.storyLink", { name: c.displayName })}</a>
                </PersonLine>
              </li>
            ))}
          </ul>
        )}
        {data.connections.next && (
          <a href={`/network?before=${encodeURIComponent(data.connections.next)}`}>{t("network.older")}</a>
        )}
      </section>
    </Layout>
  );
}
