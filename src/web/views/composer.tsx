import { MAX_POST_LENGTH } from "../../domain/posts/text.ts";
import { VISIBILITIES, type Visibility } from "../../domain/posts/visibility.ts";
import type { Person } from "../../services/graph/find.ts";
import { MAX_IMAGES } from "../../services/media/images.ts";
import type { KeptImage } from "../../services/posts/images.ts";
import { MAX_POLL_OPTIONS, POLL_DURATIONS } from "../../services/posts/input.ts";
import type { PageContext } from "../page-context.ts";
import { ErrorSummary, FieldError } from "./composer-errors.tsx";
import { ImageSlotFields } from "./composer-images.tsx";
import { type Errors, FormErrors, Select, type Values } from "./form.tsx";

/**
 * The text area with "@" suggestions: while typing, htmx asks `/posts/mentions` for people matching
 * the last "@word"; picking one asks the server for the text with the handle completed. Without
 * JavaScript it is a plain text area.
 */
export function BodyField(p: {
  ctx: PageContext;
  label: string;
  hint?: string;
  value: string;
  errors?: Errors | undefined;
  autofocus?: boolean;
  rows?: number;
}) {
  const error = p.errors?.body;
  const describedBy = [p.hint ? "field-body-hint" : "", error ? "field-body-error" : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={error ? "field field-invalid" : "field"} id="body-field">
      <label for="field-body">{p.label}</label>
      {p.hint && (
        <p class="hint" id="field-body-hint">
          {p.hint}
        </p>
      )}
      <textarea
        id="field-body"
        name="body"
        rows={p.rows ?? 5}
        maxlength={MAX_POST_LENGTH}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy || undefined}
        autofocus={p.autofocus}
        hx-get="/posts/mentions"
        hx-trigger="input changed delay:250ms"
        hx-target="#mention-suggestions"
        hx-sync="this:replace"
      >
        {p.value}
      </textarea>
      <FieldError ctx={p.ctx} errors={p.errors} name="body" />
      <div id="mention-suggestions" aria-live="polite" />
    </div>
  );
}

/** People matching the "@word" being typed; each button completes it in the text. */
export function MentionSuggestions({ ctx, people }: { ctx: PageContext; people: Person[] }) {
  if (people.length === 0) return null;
  return (
    <ul class="plain mention-list" aria-label={ctx.t("posts.composer.mentionSuggestions")}>
      {people.map((person) => (
        <li>
          <button
            type="button"
            class="link-button"
            hx-post="/posts/mentions/pick"
            hx-vals={JSON.stringify({ handle: person.handle })}
            hx-target="#body-field"
            hx-swap="outerHTML"
          >
            @{person.handle} · {person.displayName}
          </button>
        </li>
      ))}
    </ul>
  );
}

function VisibilityChoice({
  ctx,
  choices,
  selected,
  errors,
}: {
  ctx: PageContext;
  choices: readonly Visibility[];
  selected: string;
  errors?: Errors | undefined;
}) {
  const { t } = ctx;
  return (
    <fieldset class="visibility-choice">
      <legend>{t("posts.visibility.label")}</legend>
      {choices.map((v) => (
        <div>
          <input
            type="radio"
            id={`visibility-${v}`}
            name="visibility"
            value={v}
            checked={v === selected}
            aria-describedby={`visibility-${v}-hint`}
          />{" "}
          <label class="inline" for={`visibility-${v}`}>
            {t(`posts.visibility.${v}`)}
          </label>{" "}
          <span class="hint" id={`visibility-${v}-hint`}>
            {t(`posts.visibility.${v}Hint`)}
          </span>
        </div>
      ))}
      <FieldError ctx={ctx} errors={errors} name="visibility" />
    </fieldset>
  );
}

/**
 * The form to write a post: text (with @ suggestions), audience, up to four images each with its alt
 * text (asked for beside the file) and credit, and an optional poll. It posts to `POST /posts`; on a
 * mistake the page comes back with every problem shown at once and nothing lost: the typed text and
 * choices are kept, and so are the images that passed their own checks (`kept`, stored on the server
 * for a day: no browser lets a page refill a file field), shown with a way to remove or replace them.
 */
export function Composer({
  ctx,
  values = {},
  errors,
  kept = [],
  next,
}: {
  ctx: PageContext;
  values?: Values;
  errors?: Errors | undefined;
  kept?: KeptImage[];
  /** Where to go after posting (the page the composer is on); the new post's page by default. */
  next?: string;
}) {
  const { t } = ctx;
  const imagesOpen =
    kept.length > 0 || Boolean(errors && Object.keys(errors).some((k) => /^(image|alt|credit)/.test(k)));
  const pollOpen = Boolean(values.pollOption1 || errors?.poll);
  return (
    <section class="composer card" aria-labelledby="composer-title">
      <h2 id="composer-title">{t("posts.composer.title")}</h2>
      <form method="post" action="/posts" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={ctx.csrf} />
        {next && <input type="hidden" name="next" value={next} />}
        <ErrorSummary ctx={ctx} errors={errors} />
        <BodyField
          ctx={ctx}
          label={t("posts.composer.body")}
          hint={t("posts.composer.bodyHint")}
          value={values.body ?? ""}
          errors={errors}
        />
        <VisibilityChoice
          ctx={ctx}
          choices={VISIBILITIES}
          selected={values.visibility ?? "public"}
          errors={errors}
        />
        <details class="composer-images" id="composer-images" open={imagesOpen}>
          <summary>{t("posts.media.legend")}</summary>
          <FieldError ctx={ctx} errors={errors} name="images" />
          {Array.from({ length: MAX_IMAGES }, (_, i) => i + 1).map((n) => (
            <ImageSlotFields
              ctx={ctx}
              n={n}
              kept={kept.find((k) => k.slot === n)}
              values={values}
              errors={errors}
            />
          ))}
        </details>
        <details class="composer-poll" open={pollOpen}>
          <summary>{t("posts.poll.legend")}</summary>
          <FieldError ctx={ctx} errors={errors} name="poll" />
          {Array.from({ length: MAX_POLL_OPTIONS }, (_, i) => i + 1).map((n) => (
            <div class="field">
              <label for={`field-pollOption${n}`}>{t("posts.poll.option", { n })}</label>
              <input
                type="text"
                id={`field-pollOption${n}`}
                name={`pollOption${n}`}
                maxlength={100}
                value={values[`pollOption${n}`] ?? ""}
              />
            </div>
          ))}
          <div class="field">
            <input
              type="checkbox"
              id="field-pollMultiple"
              name="pollMultiple"
              value="1"
              checked={values.pollMultiple === "1"}
            />{" "}
            <label class="inline" for="field-pollMultiple">
              {t("posts.poll.multiple")}
            </label>
          </div>
          <Select
            ctx={ctx}
            name="pollDuration"
            label={t("posts.poll.duration")}
            options={POLL_DURATIONS.map((d) => ({ value: String(d), label: t(`posts.poll.duration.${d}`) }))}
            selected={values.pollDuration ?? "86400"}
          />
        </details>
        <button type="submit">{t("posts.composer.submit")}</button>
      </form>
    </section>
  );
}

/**
 * The comment form under a post (or "Comments are closed" in its place). Refused, it comes back with
 * the text kept and the field focused (the browser scrolls to it); refused because comments closed
 * meanwhile (`refused`), the text is shown read-only to copy, with the way back to the post.
 */
export function ReplyForm({
  ctx,
  postId,
  postUrl,
  parentVisibility,
  closed,
  values = {},
  errors,
  refused,
}: {
  ctx: PageContext;
  postId: string;
  postUrl: string;
  parentVisibility: Visibility;
  closed: boolean;
  values?: Values;
  errors?: Errors | undefined;
  refused?: string | undefined;
}) {
  const { t } = ctx;
  if (closed) {
    if (refused === undefined) {
      return (
        <p class="alert comments-closed" id="reply">
          {t("posts.comments.closed")}
        </p>
      );
    }
    return <RefusedReply ctx={ctx} reason="error.post.commentsClosed" text={refused} postUrl={postUrl} />;
  }
  const choices = VISIBILITIES.slice(VISIBILITIES.indexOf(parentVisibility));
  const failed = Boolean(errors && Object.keys(errors).length > 0);
  return (
    <section class="reply-form card" id="reply" aria-labelledby="reply-title">
      <h2 id="reply-title">{t("posts.reply.title")}</h2>
      <form method="post" action={`/posts/${postId}/reply`}>
        <input type="hidden" name="_csrf" value={ctx.csrf} />
        <FormErrors ctx={ctx} errors={errors} />
        <BodyField
          ctx={ctx}
          label={t("posts.reply.body")}
          value={values.body ?? ""}
          errors={errors}
          rows={3}
          autofocus={failed}
        />
        {choices.length > 1 ? (
          <VisibilityChoice
            ctx={ctx}
            choices={choices}
            selected={values.visibility ?? parentVisibility}
            errors={errors}
          />
        ) : (
          <input type="hidden" name="visibility" value={parentVisibility} />
        )}
        <p class="hint">{t("posts.reply.visibilityNote")}</p>
        <button type="submit">{t("posts.reply.submit")}</button>
      </form>
    </section>
  );
}

/**
 * Where the comment form was, a reply refused after it was written (comments closed, or the comment it
 * answers deleted, meanwhile): why, its text kept to copy, and the way back to the post.
 */
export function RefusedReply({
  ctx,
  reason,
  text,
  postUrl,
}: {
  ctx: PageContext;
  reason: "error.post.commentsClosed" | "error.post.replyToDeleted";
  text: string;
  postUrl: string;
}) {
  const { t } = ctx;
  return (
    <section class="reply-form card" id="reply" aria-labelledby="reply-title">
      <h2 id="reply-title">{t("posts.reply.title")}</h2>
      <p class="alert alert-error" role="alert">
        {t(reason)}
      </p>
      <div class="field">
        <label for="field-refused-body">{t("posts.reply.refusedText")}</label>
        <textarea id="field-refused-body" rows={3} readonly autofocus>
          {text}
        </textarea>
      </div>
      <p>
        <a href={postUrl}>{t("posts.reply.backToPost")}</a>
      </p>
    </section>
  );
}
