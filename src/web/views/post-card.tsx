import type { Child } from "hono/jsx";
import { REACTION_KEYS, REACTIONS } from "../../domain/posts/reactions.ts";
import type { PostAst, PostInline } from "../../domain/posts/text.ts";
import { type CardMedia, cardAst, type PollView, type PostCard } from "../../services/posts/cards.ts";
import { hashtagPath } from "../../services/timelines/public.ts";
import type { PageContext } from "../page-context.ts";
import { cachedCard } from "./card-fragments.ts";
import { Form } from "./form.tsx";

function Inline({ token }: { token: PostInline }) {
  switch (token.kind) {
    case "break":
      return <br />;
    case "text":
      return <>{token.text}</>;
    case "link":
      return (
        <a href={token.href} rel="nofollow ugc noopener">
          {token.text}
        </a>
      );
    case "mention":
      return (
        <a href={`/@${token.handle}`} class="mention">
          {token.text}
        </a>
      );
    case "hashtag":
      return (
        <a href={hashtagPath(token.tag)} class="hashtag" rel="tag">
          {token.text}
        </a>
      );
  }
}

/** A post's text from our own tree: every character escaped by JSX, only our own elements. */
export function PostBody({ ast }: { ast: PostAst }) {
  return (
    <div class="post-body">
      {ast.map((paragraph) => (
        <p>
          {paragraph.map((token) => (
            <Inline token={token} />
          ))}
        </p>
      ))}
    </div>
  );
}

function Avatar({ card }: { card: PostCard }) {
  const { author } = card;
  return author.avatarKey ? (
    <img class="avatar avatar-small" src={`/media/${author.avatarKey}`} alt="" width={40} height={40} />
  ) : (
    <span class="avatar avatar-small" aria-hidden="true">
      {author.displayName.slice(0, 1).toUpperCase()}
    </span>
  );
}

function Media({ ctx, media }: { ctx: PageContext; media: CardMedia[] }) {
  if (media.length === 0) return null;
  return (
    <div class={`post-media post-media-${media.length}`}>
      {media.map((m) => (
        <figure>
          <a href={m.url}>
            <img
              src={m.thumbUrl}
              alt={m.alt}
              width={m.thumbWidth}
              height={m.thumbHeight}
              loading="lazy"
              decoding="async"
            />
          </a>
          {m.credit && <figcaption>{ctx.t("posts.media.creditLine", { credit: m.credit })}</figcaption>}
        </figure>
      ))}
    </div>
  );
}

function Poll({
  ctx,
  card,
  poll,
  error,
  interactive,
}: {
  ctx: PageContext;
  card: PostCard;
  poll: PollView;
  /** Why a vote was just refused, shown beside the poll. */
  error?: string | undefined;
  /** False: the poll is shown without its vote form (a page that is not for acting on the post). */
  interactive: boolean;
}) {
  const { t, fmt } = ctx;
  const canVote = interactive && ctx.viewer !== null && !poll.ended && !poll.voted && !card.own;
  const errorId = `poll-${card.id}-error`;
  const problem = error ? (
    <p class="field-error" id={errorId} role="alert">
      {error}
    </p>
  ) : null;
  const legend = poll.multiple ? t("posts.poll.chooseSeveral") : t("posts.poll.chooseOne");
  const status = poll.ended
    ? t("posts.poll.ended", { date: fmt.dateTime(poll.endsAt) })
    : t("posts.poll.endsAt", { date: fmt.dateTime(poll.endsAt) });
  return (
    <div class="poll">
      {canVote ? (
        <Form ctx={ctx} action={`/posts/${card.id}/vote`} aria-label={t("posts.poll.label")}>
          <fieldset aria-describedby={error ? errorId : undefined}>
            <legend>{legend}</legend>
            {poll.options.map((o) => (
              <label class="inline poll-choice">
                <input type={poll.multiple ? "checkbox" : "radio"} name="option" value={o.id} /> {o.label}
              </label>
            ))}
          </fieldset>
          {problem}
          <button type="submit" class="secondary">
            {t("posts.poll.vote")}
          </button>
        </Form>
      ) : poll.showResults ? (
        <ul class="plain poll-results" aria-label={t("posts.poll.results")}>
          {poll.options.map((o) => (
            <li>
              <span class="poll-label">
                {o.label}
                {o.chosen && <> {t("posts.poll.yourChoice")}</>}
              </span>{" "}
              <span class="poll-figure">{t("posts.poll.votes", { count: o.votes, percent: o.percent })}</span>
              <meter min={0} max={100} value={o.percent} aria-hidden="true" />
            </li>
          ))}
        </ul>
      ) : (
        <ul class="plain poll-results">
          {poll.options.map((o) => (
            <li>{o.label}</li>
          ))}
        </ul>
      )}
      {!canVote && problem}
      <p class="muted">
        {t("posts.poll.voters", { count: poll.voterCount })} · {status}
        {!poll.showResults && !poll.ended && <> · {t("posts.poll.resultsLater")}</>}
      </p>
    </div>
  );
}

/** A small form with one button, that htmx swaps in place when it is there (the page works without). */
function ActionForm(props: {
  ctx: PageContext;
  action: string;
  next: string;
  children: Child;
  fields?: Record<string, string>;
}) {
  return (
    <form
      method="post"
      action={props.action}
      class="inline-form"
      hx-post={props.action}
      hx-target="closest article"
      hx-swap="outerHTML"
    >
      <input type="hidden" name="_csrf" value={props.ctx.csrf} />
      <input type="hidden" name="next" value={props.next} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {props.children}
    </form>
  );
}

/** Links to who reacted and who boosted, when anyone did. */
function EngagementLinks({ ctx, card }: { ctx: PageContext; card: PostCard }) {
  if (card.reactionCount === 0 && card.boostCount === 0) return null;
  return (
    <span class="post-engagement">
      {card.reactionCount > 0 && <a href={`${card.url}/reactions`}>{ctx.t("posts.engagement.whoReacted")}</a>}
      {card.reactionCount > 0 && card.boostCount > 0 && " · "}
      {card.boostCount > 0 && <a href={`${card.url}/boosts`}>{ctx.t("posts.engagement.whoBoosted")}</a>}
    </span>
  );
}

function Actions({ ctx, card, next }: { ctx: PageContext; card: PostCard; next: string }) {
  const { t } = ctx;
  const name = card.author.displayName;
  if (!ctx.viewer) {
    return (
      <p class="post-counts muted">
        {t("posts.counts", {
          replies: card.replyCount,
          reactions: card.reactionCount,
          boosts: card.boostCount,
        })}{" "}
        <EngagementLinks ctx={ctx} card={card} />
      </p>
    );
  }
  return (
    <div class="post-actions">
      <ActionForm ctx={ctx} action={`/posts/${card.id}/react`} next={next}>
        <fieldset class="reactions">
          <legend class="visually-hidden">{t("posts.react.group")}</legend>
          {REACTION_KEYS.map((key) => {
            const mine = card.viewerReaction === key;
            const count = card.reactions.find((r) => r.key === key)?.count ?? 0;
            return (
              <button
                type="submit"
                name="reaction"
                value={key}
                class={mine ? "reaction reaction-mine" : "reaction"}
                aria-pressed={mine ? "true" : "false"}
                title={t(`posts.react.${key}`)}
              >
                <span aria-hidden="true">{REACTIONS[key]}</span>
                <span class="visually-hidden">{t(`posts.react.${key}`)}</span>
                {count > 0 && <span class="count"> {count}</span>}
              </button>
            );
          })}
        </fieldset>
      </ActionForm>
      <EngagementLinks ctx={ctx} card={card} />
      {card.commentsClosed ? (
        <span class="muted">{t("posts.comments.closedShort", { count: card.replyCount })}</span>
      ) : (
        <a href={`${card.url}#reply`} class="button secondary">
          {t("posts.reply.link", { count: card.replyCount })}
        </a>
      )}
      {card.boostable && (
        <ActionForm
          ctx={ctx}
          action={`/posts/${card.id}/${card.viewerBoosted ? "unboost" : "boost"}`}
          next={next}
        >
          <button type="submit" class="secondary" aria-pressed={card.viewerBoosted ? "true" : "false"}>
            {card.viewerBoosted
              ? t("posts.boost.undo", { count: card.boostCount })
              : t("posts.boost.do", { count: card.boostCount })}
          </button>
        </ActionForm>
      )}
      <ActionForm
        ctx={ctx}
        action={`/posts/${card.id}/${card.viewerBookmarked ? "unbookmark" : "bookmark"}`}
        next={next}
      >
        <button type="submit" class="secondary" aria-pressed={card.viewerBookmarked ? "true" : "false"}>
          {card.viewerBookmarked ? t("posts.bookmark.undo") : t("posts.bookmark.do")}
          <span class="visually-hidden"> {t("posts.bookmark.of", { name })}</span>
        </button>
      </ActionForm>
    </div>
  );
}

/**
 * One post: author, time (a link to the post page), audience, "edited" mark, text, images with their
 * alt text and credit, poll, and the actions (react, reply, boost, bookmark). `next` is where the
 * actions come back to without JavaScript. Drawn once per kind of viewer and kept (card-fragments.ts);
 * a card with a footer is drawn each time.
 */
export function PostCardView(props: {
  ctx: PageContext;
  card: PostCard;
  next?: string;
  headingLevel?: 2 | 3;
  footer?: Child;
  /** Why a vote in its poll was just refused, shown beside the poll. */
  pollError?: string | undefined;
  /** False: the post only, without its actions (a confirmation page). */
  actions?: boolean;
}) {
  const { ctx, card, next, headingLevel = 2, footer } = props;
  if (card.deleted) return <DeletedComment ctx={ctx} card={card} />;
  if (footer !== undefined || props.pollError || props.actions === false) return <CardArticle {...props} />;
  return cachedCard(ctx, card, String(headingLevel), next, (marked) => (
    <CardArticle ctx={marked} card={card} headingLevel={headingLevel} />
  ));
}

/** A deleted comment kept in its thread for the replies under it: no author, no text, no actions. */
function DeletedComment({ ctx, card }: { ctx: PageContext; card: PostCard }) {
  return (
    <article class="post card post-deleted" id={`post-${card.id}`} aria-label={ctx.t("posts.deleted.title")}>
      <p class="muted">{ctx.t("posts.deleted.placeholder")}</p>
    </article>
  );
}

function CardArticle({
  ctx,
  card,
  next,
  headingLevel = 2,
  footer,
  pollError,
  actions = true,
}: {
  ctx: PageContext;
  card: PostCard;
  next?: string;
  headingLevel?: 2 | 3;
  footer?: Child;
  pollError?: string | undefined;
  actions?: boolean;
}) {
  const { t, fmt } = ctx;
  const back = next ?? ctx.path;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article class="post card" id={`post-${card.id}`} aria-labelledby={`post-${card.id}-by`}>
      <header class="post-head">
        <Avatar card={card} />
        <div class="person-text">
          <Heading class="post-author" id={`post-${card.id}-by`}>
            <a href={`/@${card.author.handle}`}>{card.author.displayName}</a>{" "}
            <span class="handle">@{card.author.handle}</span>
          </Heading>
          <a href={card.url} class="muted post-time">
            <time datetime={card.createdAt}>{fmt.dateTime(card.createdAt)}</time>
          </a>{" "}
          <span class="pill" title={t("posts.visibility.label")}>
            {t(`posts.visibility.${card.visibility}`)}
          </span>
          {card.editedAt && (
            <>
              {" "}
              <a href={`${card.url}/history`} class="muted post-edited">
                {t("posts.edited")}
              </a>
            </>
          )}
        </div>
      </header>
      <PostBody ast={cardAst(card)} />
      <Media ctx={ctx} media={card.media} />
      {card.poll && <Poll ctx={ctx} card={card} poll={card.poll} error={pollError} interactive={actions} />}
      {actions && <Actions ctx={ctx} card={card} next={back} />}
      {footer}
    </article>
  );
}
