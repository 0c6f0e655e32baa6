import type { PageContext } from "../../page-context.ts";
import { type Errors, Field, Form, FormErrors, Select, type Values } from "../form.tsx";
import { Layout } from "../layout.tsx";

/** An input the shared Field does not cover (datetime-local, number), with its error beside it. */
function Input(p: {
  ctx: PageContext;
  name: string;
  label: string;
  type: "datetime-local" | "number";
  values: Values;
  errors?: Errors | undefined;
  hint?: string;
  required?: boolean;
  min?: number;
  max?: number;
  step?: string;
}) {
  const id = `field-${p.name}`;
  const error = p.errors?.[p.name];
  const describedBy =
    [p.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      <input
        id={id}
        name={p.name}
        type={p.type}
        value={p.values[p.name]}
        required={p.required}
        min={p.min}
        max={p.max}
        step={p.step}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy}
      />
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {p.ctx.t(error.key, error.params)}
        </p>
      )}
    </div>
  );
}

/** Creating an event (with an optional recurrence) or editing one occurrence. */
export function EventFormPage(p: {
  ctx: PageContext;
  /** The event being edited, or null when creating one. */
  eventId: string | null;
  values: Values;
  errors?: Errors | undefined;
  timeZones: string[];
  hasCover?: boolean;
}) {
  const { ctx, values, errors } = p;
  const { t } = ctx;
  const title = p.eventId ? t("events.edit.title") : t("events.new.title");
  const common = { ctx, values, errors };
  const coverError = errors?.cover;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <FormErrors ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={p.eventId ? `/events/${p.eventId}/edit` : "/events/new"} class="card" multipart>
        <Field {...common} name="title" label={t("events.field.title")} required maxlength={120} />
        <Field
          {...common}
          name="description"
          label={t("events.field.description")}
          multiline
          rows={6}
          maxlength={5000}
        />
        <fieldset>
          <legend>{t("events.field.when")}</legend>
          <Input {...common} name="start" type="datetime-local" label={t("events.field.start")} required />
          <Input {...common} name="end" type="datetime-local" label={t("events.field.end")} required />
          <Select
            ctx={ctx}
            name="timeZone"
            label={t("events.field.timeZone")}
            options={p.timeZones.map((z) => ({ value: z, label: z }))}
            selected={values.timeZone ?? "UTC"}
            errors={errors}
          />
        </fieldset>
        <fieldset>
          <legend>{t("events.field.where")}</legend>
          <p class="hint">{t("events.field.whereHint")}</p>
          <Field {...common} name="place" label={t("events.field.place")} maxlength={300} />
          <Field {...common} name="city" label={t("events.field.city")} maxlength={100} />
          <Input
            {...common}
            name="latitude"
            type="number"
            step="any"
            min={-90}
            max={90}
            label={t("events.field.latitude")}
            hint={t("events.field.coordinatesHint")}
          />
          <Input
            {...common}
            name="longitude"
            type="number"
            step="any"
            min={-180}
            max={180}
            label={t("events.field.longitude")}
          />
          <Field
            {...common}
            name="onlineUrl"
            type="url"
            label={t("events.field.onlineUrl")}
            maxlength={500}
          />
        </fieldset>
        <fieldset>
          <legend>{t("events.field.who")}</legend>
          <Select
            ctx={ctx}
            name="visibility"
            label={t("events.field.visibility")}
            options={[
              { value: "public", label: t("events.visibility.public") },
              { value: "connections", label: t("events.visibility.connections") },
              { value: "private", label: t("events.visibility.private") },
            ]}
            selected={values.visibility ?? "public"}
            errors={errors}
          />
          <Input
            {...common}
            name="capacity"
            type="number"
            min={1}
            label={t("events.field.capacity")}
            hint={t("events.field.capacityHint")}
          />
          <div class="field">
            <input
              id="field-approval"
              type="checkbox"
              name="approval"
              value="1"
              checked={values.approval === "1"}
            />{" "}
            <label class="inline" for="field-approval">
              {t("events.field.approval")}
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("events.field.cover")}</legend>
          <div class={coverError ? "field field-invalid" : "field"}>
            <label for="field-cover">
              {p.hasCover ? t("events.field.coverReplace") : t("events.field.coverFile")}
            </label>
            <input
              id="field-cover"
              type="file"
              name="cover"
              accept="image/png,image/jpeg,image/webp"
              aria-invalid={coverError ? "true" : undefined}
              aria-describedby={coverError ? "field-cover-error" : undefined}
            />
            {coverError && (
              <p class="field-error" id="field-cover-error">
                {t(coverError.key, coverError.params)}
              </p>
            )}
          </div>
          <Field
            {...common}
            name="coverAlt"
            label={t("events.field.coverAlt")}
            hint={t("events.field.coverAltHint")}
            maxlength={500}
          />
          <Field {...common} name="coverCredit" label={t("events.field.coverCredit")} maxlength={200} />
        </fieldset>
        {!p.eventId && (
          <fieldset>
            <legend>{t("events.field.repeat")}</legend>
            <Select
              ctx={ctx}
              name="repeat"
              label={t("events.field.repeatKind")}
              options={[
                { value: "none", label: t("events.repeat.none") },
                { value: "weekly", label: t("events.repeat.weekly") },
                { value: "monthly", label: t("events.repeat.monthly") },
              ]}
              selected={values.repeat ?? "none"}
              errors={errors}
            />
            <Input
              {...common}
              name="interval"
              type="number"
              min={1}
              max={8}
              label={t("events.field.interval")}
            />
            <Input
              {...common}
              name="count"
              type="number"
              min={1}
              max={52}
              label={t("events.field.count")}
              hint={t("events.field.countHint")}
            />
          </fieldset>
        )}
        <div class="actions">
          <button type="submit">{p.eventId ? t("events.save") : t("events.createSubmit")}</button>
          <a href={p.eventId ? `/events/${p.eventId}` : "/events"}>{t("events.cancelForm")}</a>
        </div>
      </Form>
    </Layout>
  );
}
