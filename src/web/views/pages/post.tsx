import type { Child } from "hono/jsx";
import type { PostCard } from "../../../services/posts/cards.ts";
import type { Thread, ThreadNode } from "../../../services/posts/thread.ts";
import type { PageContext } from "../../page-context.ts";
import { RefusedReply, ReplyForm } from "../composer.tsx";
import { type Errors, Form, Notice, type Values } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { PostCardView } from "../post-card.tsx";

/** The author's own controls on their post: edit, delete, close or reopen comments. */
function OwnerControls({ ctx, card }: { ctx: PageContext; card: PostCard }) {
  const { t } = ctx;
  if (!card.own) return null;
  return (
    <div class="post-owner actions">
      <a href={`/posts/${card.id}/edit`} class="button secondary">
        {t("posts.edit.link")}
      </a>
      <a href={`/posts/${card.id}/delete`} class="button danger">
        {card.rootId === null ? t("posts.delete.button") : t("posts.delete.commentButton")}
      </a>
      {card.rootId === null && (
        <Form
          ctx={ctx}
          action={`/posts/${card.id}/${card.commentsClosed ? "reopen" : "close"}`}
          class="inline-form"
        >
          <button type="submit" class="secondary">
            {card.commentsClosed ? t("posts.comments.reopen") : t("posts.comments.close")}
          </button>
        </Form>
      )}
    </div>
  );
}

function Comments({ ctx, nodes, next }: { ctx: PageContext; nodes: ThreadNode[]; next: string }) {
  const { t } = ctx;
  if (nodes.length === 0) return null;
  return (
    <ol class="plain thread">
      {nodes.map((node) => (
        <li>
          <PostCardView
            ctx={ctx}
            card={node.card}
            next={next}
            headingLevel={3}
            footer={<OwnerControls ctx={ctx} card={node.card} />}
          />
          <Comments ctx={ctx} nodes={node.children} next={next} />
          {node.hidden > 0 && (
            <p class="thread-more">
              <a href={node.card.url}>
                {node.children.length === 0
                  ? t("posts.comments.continue")
                  : t("posts.comments.showMore", { count: node.hidden })}
              </a>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * Where the comment form would be under a deleted comment: it cannot be answered. A reply sent all the
 * same (a replayed form) comes back here, refused, with its text to copy.
 */
function DeletedNoReply({
  ctx,
  postUrl,
  refused,
}: {
  ctx: PageContext;
  postUrl: string;
  refused?: string | undefined;
}) {
  const { t } = ctx;
  if (refused === undefined)
    return (
      <p class="alert" id="reply">
        {t("posts.deleted.noReply")}
      </p>
    );
  return <RefusedReply ctx={ctx} reason="error.post.replyToDeleted" text={refused} postUrl={postUrl} />;
}

/**
 * A post with its comment tree, the comment form (or "Comments are closed") and the author's controls.
 * A refused comment comes back here with its text (`values` and `errors`, or `refused` when comments
 * closed meanwhile); a refused vote, with its reason beside the poll (`pollError`).
 */
export function PostPage(p: {
  ctx: PageContext;
  thread: Thread;
  notice?: string | null;
  values?: Values;
  errors?: Errors | undefined;
  refused?: string | undefined;
  pollError?: string | undefined;
  showAll?: boolean;
}) {
  const { ctx, thread } = p;
  const { t } = ctx;
  const { focus } = thread;
  const next = focus.url;
  const context: Child = (thread.root || thread.parent) && (
    <nav class="thread-context" aria-label={t("posts.comments.viewThread")}>
      {thread.parent && (
        <p>
          <a href={thread.parent.url}>
            {thread.parent.deleted
              ? t("posts.comments.inReplyToDeleted")
              : t("posts.comments.inReplyTo", { name: thread.parent.author.displayName })}
          </a>
        </p>
      )}
      {thread.root && (
        <p>
          <a href={`${thread.root.url}#post-${focus.id}`}>{t("posts.comments.viewThread")}</a>
        </p>
      )}
    </nav>
  );
  const title = focus.deleted
    ? t("posts.deleted.title")
    : t("posts.page.title", { name: focus.author.displayName });
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="visually-hidden">{title}</h1>
      <Notice text={p.notice ?? null} />
      {context}
      <PostCardView
        ctx={ctx}
        card={focus}
        next={next}
        pollError={p.pollError}
        footer={<OwnerControls ctx={ctx} card={focus} />}
      />
      <section class="comments" aria-labelledby="comments-title">
        <h2 id="comments-title">{t("posts.comments.title")}</h2>
        {thread.comments.length === 0 && <p class="muted">{t("posts.comments.none")}</p>}
        <Comments ctx={ctx} nodes={thread.comments} next={next} />
        {thread.hidden > 0 && !p.showAll && (
          <p class="thread-more">
            <a href={`${focus.url}?all=1#comments-title`}>
              {t("posts.comments.showMore", { count: thread.hidden })}
            </a>
          </p>
        )}
      </section>
      {focus.deleted ? (
        <DeletedNoReply ctx={ctx} postUrl={focus.url} refused={p.refused} />
      ) : (
        ctx.viewer && (
          <ReplyForm
            ctx={ctx}
            postId={focus.id}
            postUrl={focus.url}
            parentVisibility={focus.visibility}
            closed={focus.commentsClosed}
            values={p.values}
            errors={p.errors}
            refused={p.refused}
          />
        )
      )}
      {!ctx.viewer && focus.commentsClosed && (
        <p class="alert comments-closed">{t("posts.comments.closed")}</p>
      )}
    </Layout>
  );
}
