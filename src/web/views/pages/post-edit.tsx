import { parsePostText } from "../../../domain/posts/text.ts";
import { cardAst, type PostCard } from "../../../services/posts/cards.ts";
import type { PageContext } from "../../page-context.ts";
import { BodyField } from "../composer.tsx";
import { type Errors, Form, FormErrors, type Values } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { PostBody, PostCardView } from "../post-card.tsx";

/** Changing a post's text (its audience, images and poll stay). */
export function EditPostPage(p: {
  ctx: PageContext;
  card: PostCard;
  values?: Values;
  errors?: Errors | undefined;
}) {
  const { ctx, card } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("posts.edit.title")}>
      <h1>{t("posts.edit.title")}</h1>
      <Form ctx={ctx} action={`/posts/${card.id}/edit`}>
        <FormErrors ctx={ctx} errors={p.errors} />
        <BodyField
          ctx={ctx}
          label={t("posts.composer.body")}
          hint={t("posts.composer.bodyHint")}
          value={p.values?.body ?? card.body}
          errors={p.errors}
        />
        <div class="actions">
          <button type="submit">{t("posts.edit.save")}</button>
          <a href={card.url}>{t("posts.cancel")}</a>
        </div>
      </Form>
    </Layout>
  );
}

/**
 * "Delete this post?" or "Delete this comment?" — the confirmation a link leads to (the button on it
 * does the deleting). It shows what goes, without the card's actions: this page is not for reacting.
 */
export function DeletePostPage({ ctx, card }: { ctx: PageContext; card: PostCard }) {
  const { t } = ctx;
  const comment = card.rootId !== null;
  const title = comment ? t("posts.delete.confirmTitleComment") : t("posts.delete.confirmTitle");
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{comment ? t("posts.delete.confirmComment") : t("posts.delete.confirm")}</p>
      <PostCardView ctx={ctx} card={card} actions={false} />
      <Form ctx={ctx} action={`/posts/${card.id}/delete`}>
        <div class="actions">
          <button type="submit" class="danger">
            {comment ? t("posts.delete.commentButton") : t("posts.delete.button")}
          </button>
          <a href={card.url}>{t("posts.cancel")}</a>
        </div>
      </Form>
    </Layout>
  );
}

/** Earlier versions of an edited post, newest first (each parsed again: history keeps the text only). */
export function PostHistoryPage({
  ctx,
  card,
  versions,
}: {
  ctx: PageContext;
  card: PostCard;
  versions: { body: string; writtenAt: string; replacedAt: string }[];
}) {
  const { t, fmt } = ctx;
  return (
    <Layout ctx={ctx} title={t("posts.history.title")}>
      <h1>{t("posts.history.title")}</h1>
      <p>
        <a href={card.url}>{t("posts.page.title", { name: card.author.displayName })}</a>
      </p>
      {versions.length === 0 ? (
        <p class="muted">{t("posts.history.none")}</p>
      ) : (
        <ol class="plain">
          <li class="card">
            <h2>{t("posts.history.current", { date: fmt.dateTime(card.editedAt ?? card.createdAt) })}</h2>
            <PostBody ast={cardAst(card)} />
          </li>
          {versions.map((v) => (
            <li class="card">
              <h2>{t("posts.history.version", { date: fmt.dateTime(v.writtenAt) })}</h2>
              <PostBody ast={parsePostText(v.body)} />
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
