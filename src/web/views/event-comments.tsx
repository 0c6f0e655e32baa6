import type { PostCard } from "../../services/posts/cards.ts";
import type { PageContext } from "../page-context.ts";
import { BodyField } from "./composer.tsx";
import { PostCardView } from "./post-card.tsx";

/**
 * An event's discussion on its page: the top-level comments (each opens its own thread for replies)
 * and, for those who may see the event, a form to add one. The comments are posts attached to the
 * event, so they are exactly as visible as the event.
 */
export function EventComments(p: { ctx: PageContext; eventId: string; comments: PostCard[] }) {
  const { ctx } = p;
  const { t } = ctx;
  const here = `/events/${p.eventId}`;
  return (
    <>
      {p.comments.length === 0 ? (
        <p class="muted">{t("events.comments.none")}</p>
      ) : (
        <ol class="plain event-comments">
          {p.comments.map((card) => (
            <li>
              <PostCardView ctx={ctx} card={card} next={here} headingLevel={3} />
            </li>
          ))}
        </ol>
      )}
      {ctx.viewer && (
        <form method="post" action="/posts" class="card">
          <input type="hidden" name="_csrf" value={ctx.csrf} />
          <input type="hidden" name="eventId" value={p.eventId} />
          <input type="hidden" name="visibility" value="public" />
          <input type="hidden" name="next" value={here} />
          <BodyField ctx={ctx} label={t("events.comments.add")} value="" rows={3} />
          <button type="submit">{t("events.comments.submit")}</button>
        </form>
      )}
    </>
  );
}
