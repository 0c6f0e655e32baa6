import { MAX_POST_LENGTH } from "../../domain/posts/text.ts";
import { VISIBILITIES, type Visibility } from "../../domain/posts/visibility.ts";
import type { Person } from "../../services/graph/find.ts";
import type { KeptImage } from "../../services/posts/images.ts";
import { MAX_POLL_OPTIONS, POLL_DURATIONS } from "../../services/posts/input.ts";
import type { PageContext } from "../page-context.ts";
import { type Errors, FormErrors, Select, type Values } from "./form.tsx";

const MAX_IMAGES = 4;
/** How wide a kept image's thumbnail is drawn in the form, in CSS pixels. */
const KEPT_WIDTH = 160;

function FieldError({ ctx, errors, name }: { ctx: PageContext; errors?: Errors | undefined; name: string }) {
  const error = errors?.[name];
  if (!error) return null;
  return (
    <p class="field-error" id={`field-${name}-error`}>
      {ctx.t(error.key, error.params)}
    </p>
  );
}

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

/** Where a problem's field is, for the summary's link, and the words that name it. */
function errorPlace(ctx: PageContext, field: string): { id: string; where: string } | null {
  const { t } = ctx;
  const image = /^(image|alt|credit)([1-4])$/.exec(field);
  if (image) return { id: `field-${field}`, where: t("posts.media.image", { n: Number(image[2]) }) };
  if (field === "images") return { id: "composer-images", where: t("posts.media.legend") };
  if (field === "poll") return { id: "field-pollOption1", where: t("posts.poll.label") };
  if (field === "body") return { id: "field-body", where: t("posts.composer.body") };
  if (field === "visibility") return { id: "visibility-public", where: t("posts.visibility.label") };
  return null;
}

/**
 * Every problem of the form, listed first with a link to its field: the images and the poll fold
 * away, and a problem there must not go unseen.
 */
function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors?: Errors | undefined }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  const { t } = ctx;
  return (
    <div class="alert alert-error" role="alert">
      <p>{errors[""] ? t(errors[""].key, errors[""].params) : t("form.errorSummary")}</p>
      <ul>
        {Object.entries(errors)
          .filter(([field]) => field !== "")
          .map(([field, error]) => {
            const message = t(error.key, error.params);
            const place = errorPlace(ctx, field);
            return (
              <li>
                {place ? (
                  <a href={`#${place.id}`}>{t("posts.composer.errorIn", { where: place.where, message })}</a>
                ) : (
                  message
                )}
              </li>
            );
          })}
      </ul>
    </div>
  );
}

/** A labelled field of an image place with its hint and its problem (alt text, credit). */
function ImageTextField(p: {
  ctx: PageContext;
  name: string;
  label: string;
  hint: string;
  value: string;
  errors?: Errors | undefined;
  multiline?: boolean;
  maxlength: number;
}) {
  const error = p.errors?.[p.name];
  const id = `field-${p.name}`;
  const common = {
    id,
    name: p.name,
    maxlength: p.maxlength,
    "aria-describedby": `${id}-hint${error ? ` ${id}-error` : ""}`,
    "aria-invalid": error ? "true" : undefined,
  } as const;
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>{p.label}</label>
      <p class="hint" id={`${id}-hint`}>
        {p.hint}
      </p>
      {p.multiline ? (
        <textarea {...common} rows={2}>
          {p.value}
        </textarea>
      ) : (
        <input {...common} type="text" value={p.value} />
      )}
      <FieldError ctx={p.ctx} errors={p.errors} name={p.name} />
    </div>
  );
}

/**
 * One image place: a file to choose, or the image kept from a refused try (its thumbnail, a hidden
 * field naming it, a box to remove it and a file to replace it), then its alt text and credit.
 */
function ImageSlotFields({
  ctx,
  n,
  kept,
  values,
  errors,
}: {
  ctx: PageContext;
  n: number;
  kept: KeptImage | undefined;
  values: Values;
  errors?: Errors | undefined;
}) {
  const { t } = ctx;
  const fileError = errors?.[`image${n}`];
  // The thumbnail drawn small: a reminder of which image it is, not the image.
  const scale = kept ? Math.min(1, KEPT_WIDTH / Math.max(1, kept.thumbWidth)) : 1;
  const shown = kept
    ? { width: Math.round(kept.thumbWidth * scale), height: Math.round(kept.thumbHeight * scale) }
    : { width: 0, height: 0 };
  return (
    <fieldset>
      <legend>{t("posts.media.image", { n })}</legend>
      {kept && (
        <div class="field composer-kept">
          <input type="hidden" name={`media${n}`} value={kept.id} />
          <figure>
            <img
              src={`/media/posts/${kept.id}/thumb`}
              alt={values[`alt${n}`] ?? ""}
              width={shown.width}
              height={shown.height}
            />
            <figcaption>{t("posts.media.kept", { n })}</figcaption>
          </figure>
          <input type="checkbox" id={`field-remove${n}`} name={`remove${n}`} value="1" />{" "}
          <label class="inline" for={`field-remove${n}`}>
            {t("posts.media.remove", { n })}
          </label>
        </div>
      )}
      <div class={fileError ? "field field-invalid" : "field"}>
        <label for={`field-image${n}`}>{kept ? t("posts.media.replace") : t("posts.media.file")}</label>
        <input
          type="file"
          id={`field-image${n}`}
          name={`image${n}`}
          accept="image/png,image/jpeg,image/webp"
          aria-invalid={fileError ? "true" : undefined}
          aria-describedby={fileError ? `field-image${n}-error` : undefined}
        />
        <FieldError ctx={ctx} errors={errors} name={`image${n}`} />
      </div>
      <ImageTextField
        ctx={ctx}
        name={`alt${n}`}
        label={t("posts.media.alt", { n })}
        hint={t("posts.media.altHint")}
        value={values[`alt${n}`] ?? ""}
        errors={errors}
        multiline
        maxlength={1500}
      />
      <ImageTextField
        ctx={ctx}
        name={`credit${n}`}
        label={t("posts.media.credit", { n })}
        hint={t("posts.media.creditHint")}
        value={values[`credit${n}`] ?? ""}
        errors={errors}
        maxlength={200}
      />
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
    return (
      <section class="reply-form card" id="reply" aria-labelledby="reply-title">
        <h2 id="reply-title">{t("posts.reply.title")}</h2>
        <p class="alert alert-error" role="alert">
          {t("error.post.commentsClosed")}
        </p>
        <div class="field">
          <label for="field-refused-body">{t("posts.reply.refusedText")}</label>
          <textarea id="field-refused-body" rows={3} readonly autofocus>
            {refused}
          </textarea>
        </div>
        <p>
          <a href={postUrl}>{t("posts.reply.backToPost")}</a>
        </p>
      </section>
    );
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
