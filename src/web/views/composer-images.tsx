import type { KeptImage } from "../../services/posts/images.ts";
import type { PageContext } from "../page-context.ts";
import { FieldError } from "./composer-errors.tsx";
import type { Errors, Values } from "./form.tsx";

/** How wide a kept image's thumbnail is drawn in the form, in CSS pixels. */
const KEPT_WIDTH = 160;

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
export function ImageSlotFields({
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
