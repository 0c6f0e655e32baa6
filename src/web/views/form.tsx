import type { Child } from "hono/jsx";
import type { FieldMessage } from "../../domain/errors.ts";
import type { PageContext } from "../page-context.ts";

export type Errors = Record<string, FieldMessage>;
export type Values = Record<string, string | undefined>;

export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf} />;
}

/** A form that always carries the CSRF token. */
export function Form(props: {
  ctx: PageContext;
  action: string;
  children: Child;
  multipart?: boolean;
  class?: string;
  "aria-label"?: string;
}) {
  return (
    <form
      method="post"
      action={props.action}
      class={props.class}
      aria-label={props["aria-label"]}
      enctype={props.multipart ? "multipart/form-data" : undefined}
    >
      <CsrfField ctx={props.ctx} />
      {props.children}
    </form>
  );
}

/** A message for the whole form (field ""), shown first and announced. */
export function FormErrors({ ctx, errors }: { ctx: PageContext; errors?: Errors | undefined }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  const general = errors[""];
  return (
    <div class="alert alert-error" role="alert">
      {general ? ctx.t(general.key, general.params) : ctx.t("form.errorSummary")}
    </div>
  );
}

interface FieldProps {
  ctx: PageContext;
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "url" | "search" | "date";
  values?: Values | undefined;
  errors?: Errors | undefined;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
  multiline?: boolean;
  rows?: number;
}

/** A labelled input with its hint and its error beside it, keeping what was typed. */
export function Field(p: FieldProps) {
  const id = `field-${p.name}`;
  const error = p.errors?.[p.name];
  const describedBy =
    [p.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const value = p.type === "password" ? undefined : p.values?.[p.name];
  const common = {
    id,
    name: p.name,
    required: p.required,
    maxlength: p.maxlength,
    "aria-invalid": error ? "true" : undefined,
    "aria-describedby": describedBy,
  };
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.multiline ? (
        <textarea {...common} rows={p.rows ?? 4}>
          {value ?? ""}
        </textarea>
      ) : (
        <input {...common} type={p.type ?? "text"} value={value} autocomplete={p.autocomplete} />
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {p.ctx.t(error.key, error.params)}
        </p>
      )}
    </div>
  );
}

export function Select(p: {
  ctx: PageContext;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  selected?: string | undefined;
  errors?: Errors | undefined;
  class?: string;
}) {
  const id = `field-${p.name}`;
  const error = p.errors?.[p.name];
  return (
    <div class={`field ${p.class ?? ""}`}>
      <label for={id}>{p.label}</label>
      <select
        id={id}
        name={p.name}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.selected}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {p.ctx.t(error.key, error.params)}
        </p>
      )}
    </div>
  );
}

/**
 * A one-line notice after a redirect ("saved"), chosen from a fixed list, never from the URL's text.
 * It takes the focus as the page opens: a live region present at load is not read out, so a screen
 * reader would not say that the form went through, and the keyboard goes on from there.
 */
export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div class="alert alert-ok" role="status" tabindex={-1} autofocus>
      {text}
    </div>
  );
}
