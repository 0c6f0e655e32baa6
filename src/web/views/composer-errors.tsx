import type { PageContext } from "../page-context.ts";
import type { Errors } from "./form.tsx";

/** A field's problem, beside it (its id is what the field's aria-describedby names). */
export function FieldError({
  ctx,
  errors,
  name,
}: {
  ctx: PageContext;
  errors?: Errors | undefined;
  name: string;
}) {
  const error = errors?.[name];
  if (!error) return null;
  return (
    <p class="field-error" id={`field-${name}-error`}>
      {ctx.t(error.key, error.params)}
    </p>
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
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors?: Errors | undefined }) {
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
