import { LOGGABLE_KINDS } from "../../../services/ties/log.ts";
import type { Story } from "../../../services/ties/story.ts";
import type { PageContext } from "../../page-context.ts";
import { type Errors, Field, Form, FormErrors, Select, type Values } from "../form.tsx";

/** The "our story" page's forms: log an interaction, adjust the tie, important dates. */
export interface StoryForms {
  log?: { values: Values; errors?: Errors };
  adjust?: { values: Values; errors?: Errors };
  date?: { values: Values; errors?: Errors };
}

export function LogForm({ ctx, story, form }: { ctx: PageContext; story: Story; form: StoryForms["log"] }) {
  const { t } = ctx;
  const values = form?.values ?? { date: story.now.slice(0, 10) };
  return (
    <section class="card" aria-labelledby="log-title" id="log">
      <h2 id="log-title">{t("nurture.log.title")}</h2>
      <p class="muted">{t("nurture.log.explain", { name: story.target.name })}</p>
      <Form ctx={ctx} action={`${story.target.path}/log`}>
        <FormErrors ctx={ctx} errors={form?.errors} />
        <Select
          ctx={ctx}
          name="what"
          label={t("nurture.log.what")}
          options={LOGGABLE_KINDS.map((k) => ({ value: k, label: t(`nurture.log.what.${k}`) }))}
          selected={values.what}
          errors={form?.errors}
        />
        <Field
          ctx={ctx}
          name="date"
          type="date"
          label={t("nurture.log.date")}
          values={values}
          errors={form?.errors}
          required
        />
        <Field
          ctx={ctx}
          name="note"
          label={t("nurture.log.note")}
          hint={t("nurture.log.noteHint")}
          multiline
          rows={3}
          values={values}
          errors={form?.errors}
        />
        <button type="submit">{t("nurture.log.submit")}</button>
      </Form>
    </section>
  );
}

export function AdjustForm({
  ctx,
  story,
  form,
}: {
  ctx: PageContext;
  story: Story;
  form: StoryForms["adjust"];
}) {
  const { t, fmt } = ctx;
  const s = story.settings;
  const values: Values = form?.values ?? {
    pinnedLayer: s.pinnedLayer ? String(s.pinnedLayer) : "",
    cadenceDays: s.cadenceDays ? String(s.cadenceDays) : "",
    closeness: s.closeness === null ? "" : String(s.closeness),
    sphere: s.sphere ?? "",
    notes: story.notes,
    family: s.family ? "on" : "",
  };
  const snoozed =
    s.snoozedUntil && Date.parse(s.snoozedUntil) > Date.parse(story.now) ? s.snoozedUntil : null;
  return (
    <section class="card" aria-labelledby="adjust-title">
      <h2 id="adjust-title">{t("nurture.adjust.title")}</h2>
      <Form ctx={ctx} action={`${story.target.path}/adjust`}>
        <FormErrors ctx={ctx} errors={form?.errors} />
        <div class="field">
          <input type="checkbox" id="field-family" name="family" checked={values.family === "on"} />
          <label for="field-family" class="inline">
            {t("nurture.adjust.family")}
          </label>
          <p class="hint">{t("nurture.adjust.familyHint")}</p>
        </div>
        <Select
          ctx={ctx}
          name="pinnedLayer"
          label={t("nurture.adjust.layer")}
          options={[
            { value: "", label: t("nurture.adjust.layerAuto") },
            ...["5", "15", "50", "150", "500"].map((l) => ({ value: l, label: t(`nurture.layer.${l}`) })),
          ]}
          selected={values.pinnedLayer}
          errors={form?.errors}
        />
        <Field
          ctx={ctx}
          name="cadenceDays"
          label={t("nurture.adjust.cadence")}
          hint={t("nurture.adjust.cadenceHint")}
          values={values}
          errors={form?.errors}
        />
        <Field
          ctx={ctx}
          name="closeness"
          label={t("nurture.adjust.closeness")}
          hint={t("nurture.adjust.closenessHint")}
          values={values}
          errors={form?.errors}
        />
        <Select
          ctx={ctx}
          name="snoozeDays"
          label={t("nurture.adjust.snooze")}
          options={[
            {
              value: "",
              label: snoozed
                ? t("nurture.adjust.snoozedUntil", { date: fmt.date(snoozed) })
                : t("nurture.adjust.notSnoozed"),
            },
            ...(snoozed ? [{ value: "0", label: t("nurture.adjust.unsnooze") }] : []),
            ...["7", "30", "90"].map((d) => ({
              value: d,
              label: t("nurture.adjust.snoozeFor", { days: d }),
            })),
          ]}
          selected={values.snoozeDays}
          errors={form?.errors}
        />
        {!story.notesOnContact && (
          <>
            <Select
              ctx={ctx}
              name="sphere"
              label={t("nurture.adjust.sphere")}
              options={[
                { value: "", label: t("nurture.adjust.sphereUnset") },
                { value: "personal", label: t("nurture.sphere.personal") },
                { value: "professional", label: t("nurture.sphere.professional") },
              ]}
              selected={values.sphere}
              errors={form?.errors}
            />
            <Field
              ctx={ctx}
              name="notes"
              label={t("nurture.adjust.notes")}
              multiline
              rows={4}
              values={values}
              errors={form?.errors}
            />
          </>
        )}
        <button type="submit">{t("nurture.adjust.submit")}</button>
      </Form>
    </section>
  );
}

export function Dates({ ctx, story, form }: { ctx: PageContext; story: Story; form: StoryForms["date"] }) {
  const { t } = ctx;
  const values = form?.values ?? { kind: "birthday" };
  const months = Array.from({ length: 12 }, (_, i) => ({
    value: String(i + 1),
    label: new Intl.DateTimeFormat(ctx.locale, { month: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(2000, i, 1)),
    ),
  }));
  return (
    <section class="card" aria-labelledby="dates-title">
      <h2 id="dates-title">{t("nurture.dates.title")}</h2>
      {story.dates.length === 0 ? (
        <p>{t("nurture.dates.none")}</p>
      ) : (
        <ul>
          {story.dates.map((d) => {
            const day = new Intl.DateTimeFormat(ctx.locale, {
              month: "long",
              day: "numeric",
              timeZone: "UTC",
            }).format(new Date(Date.UTC(2000, d.month - 1, d.day)));
            const what = d.kind === "birthday" ? t("nurture.date.birthday") : d.label;
            return (
              <li>
                {what}: {day}
                {d.year ? ` ${d.year}` : ""}{" "}
                <Form ctx={ctx} action={`${story.target.path}/dates/${d.id}/delete`} class="inline">
                  <button
                    type="submit"
                    class="link-button"
                    aria-label={t("nurture.dates.removeLabel", { what })}
                  >
                    {t("nurture.dates.remove")}
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
      <Form ctx={ctx} action={`${story.target.path}/dates`}>
        <FormErrors ctx={ctx} errors={form?.errors} />
        <Select
          ctx={ctx}
          name="kind"
          label={t("nurture.dates.kind")}
          options={[
            { value: "birthday", label: t("nurture.date.birthday") },
            { value: "custom", label: t("nurture.date.custom") },
          ]}
          selected={values.kind}
          errors={form?.errors}
        />
        <Field
          ctx={ctx}
          name="label"
          label={t("nurture.dates.label")}
          hint={t("nurture.dates.labelHint")}
          values={values}
          errors={form?.errors}
        />
        <Select
          ctx={ctx}
          name="month"
          label={t("nurture.dates.month")}
          options={months}
          selected={values.month}
          errors={form?.errors}
        />
        <Field
          ctx={ctx}
          name="day"
          label={t("nurture.dates.day")}
          values={values}
          errors={form?.errors}
          required
        />
        <Field
          ctx={ctx}
          name="year"
          label={t("nurture.dates.year")}
          hint={t("nurture.dates.yearHint")}
          values={values}
          errors={form?.errors}
        />
        <button type="submit">{t("nurture.dates.add")}</button>
      </Form>
    </section>
  );
}
