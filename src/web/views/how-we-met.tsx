import type { PageContext } from "../page-context.ts";
import { type Errors, Field, type Values } from "./form.tsx";

export interface HowWeMetValues {
  metWhere: string;
  metOn: string | null;
  metThrough: string;
}

/** "Met at the Lyon meetup on 3 March through Inès" — or nothing when nothing was written. */
export function HowWeMetText({ ctx, value }: { ctx: PageContext; value: HowWeMetValues }) {
  const { t, fmt } = ctx;
  const parts = [
    value.metWhere ? t("howWeMet.met", { where: value.metWhere }) : "",
    value.metOn ? t("howWeMet.metOn", { date: fmt.date(`${value.metOn}T12:00:00Z`) }) : "",
    value.metThrough ? t("howWeMet.through.text", { name: value.metThrough }) : "",
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <p class="how-we-met">
      <span class="visually-hidden">{t("text.labelled", { label: t("howWeMet.summary") })} </span>
      {parts.join(" ")}
    </p>
  );
}

export function HowWeMetFields({
  ctx,
  values,
  errors,
}: {
  ctx: PageContext;
  values?: Values;
  errors?: Errors | undefined;
}) {
  const { t } = ctx;
  return (
    <fieldset>
      <legend>{t("howWeMet.summary")}</legend>
      <p class="hint">{t("howWeMet.hint")}</p>
      <Field
        ctx={ctx}
        name="metWhere"
        label={t("howWeMet.where")}
        values={values}
        errors={errors}
        maxlength={200}
      />
      <Field ctx={ctx} name="metOn" type="date" label={t("howWeMet.on")} values={values} errors={errors} />
      <Field
        ctx={ctx}
        name="metThrough"
        label={t("howWeMet.through")}
        values={values}
        errors={errors}
        maxlength={100}
      />
    </fieldset>
  );
}
