import type { Standing } from "../../services/graph/standing.ts";
import type { PageContext } from "../page-context.ts";
import { Form } from "./form.tsx";

/** The buttons on someone else's profile: connect, follow, message, and the quieter ones in a menu. */
export function PersonActions({
  ctx,
  handle,
  standing,
}: {
  ctx: PageContext;
  handle: string;
  standing: Standing;
}) {
  const { t } = ctx;
  const post = (action: string, label: string, variant?: "secondary" | "danger") => (
    <Form ctx={ctx} action={`/@${handle}/${action}`}>
      <button type="submit" class={variant}>
        {label}
      </button>
    </Form>
  );
  if (standing.blocked) {
    return (
      <div class="actions">
        <p class="alert alert-error">{t("person.blockedNotice")}</p>
        {post("unblock", t("person.unblock"), "secondary")}
      </div>
    );
  }
  return (
    <div class="person-actions">
      <div class="actions">
        {standing.connected ? (
          <span class="pill">{t("person.connected")}</span>
        ) : standing.requestReceived ? (
          <a class="button" href="/network">
            {t("person.answerRequest")}
          </a>
        ) : standing.requestSent ? (
          <span class="pill">{t("person.requestSent")}</span>
        ) : (
          <a class="button" href={`/@${handle}/connect`}>
            {t("person.connect")}
          </a>
        )}
        {standing.following === "no" && post("follow", t("person.follow"), "secondary")}
        {standing.following === "yes" && post("unfollow", t("person.unfollow"), "secondary")}
        {standing.following === "requested" && post("unfollow", t("person.cancelFollowRequest"), "secondary")}
        <a class="button secondary" href={`/nurture/with/@${handle}`}>
          {t("nurture.ourStory")}
        </a>
        <a class="button secondary" href={`/messages/new?to=${handle}`}>
          {t("person.message")}
        </a>
        {standing.followsMe && <span class="pill">{t("person.followsYou")}</span>}
      </div>
      {standing.muted && <p class="muted">{t("person.mutedNotice")}</p>}
      <details class="menu">
        <summary>{t("person.more")}</summary>
        <ul>
          {standing.connected && <li>{post("disconnect", t("person.removeConnection"), "danger")}</li>}
          <li>
            {standing.muted
              ? post("unmute", t("person.unmute"), "secondary")
              : post("mute", t("person.mute"), "secondary")}
          </li>
          <li>{post("block", t("person.block"), "danger")}</li>
          <li>
            <a href={`/@${handle}/report`}>{t("person.report")}</a>
          </li>
        </ul>
      </details>
    </div>
  );
}
