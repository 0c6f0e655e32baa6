import { AUDIENCES, type ProfileField } from "../../../domain/profile.ts";
import type { PageContext } from "../../page-context.ts";
import { type Errors, Field, Form, FormErrors, Notice, Select, type Values } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { Avatar } from "./profile.tsx";

interface FieldSpec {
  name: ProfileField;
  multiline?: boolean;
  hint?: "editProfile.tagsHint" | "editProfile.linksHint";
  maxlength?: number;
}

const PERSONAL: FieldSpec[] = [
  { name: "bio", multiline: true, maxlength: 2000 },
  { name: "location", maxlength: 100 },
  { name: "interests", hint: "editProfile.tagsHint" },
  { name: "personalLinks", multiline: true, hint: "editProfile.linksHint" },
];
const PROFESSIONAL: FieldSpec[] = [
  { name: "headline", maxlength: 150 },
  { name: "organisation", maxlength: 100 },
  { name: "role", maxlength: 100 },
  { name: "skills", hint: "editProfile.tagsHint" },
  { name: "professionalLinks", multiline: true, hint: "editProfile.linksHint" },
];

function FieldWithAudience({
  ctx,
  spec,
  values,
  errors,
}: {
  ctx: PageContext;
  spec: FieldSpec;
  values: Values;
  errors?: Errors | undefined;
}) {
  const { t } = ctx;
  const label = t(`profile.${spec.name}`);
  return (
    <div class="audience">
      <Field
        ctx={ctx}
        name={spec.name}
        label={label}
        values={values}
        errors={errors}
        multiline={spec.multiline}
        rows={3}
        maxlength={spec.maxlength}
        {...(spec.hint ? { hint: t(spec.hint) } : {})}
      />
      <Select
        ctx={ctx}
        name={`${spec.name}Audience`}
        label={t("editProfile.audienceOf", { field: label })}
        options={AUDIENCES.map((a) => ({ value: a, label: t(`audience.${a}`) }))}
        selected={values[`${spec.name}Audience`]}
        errors={errors}
      />
    </div>
  );
}

export function EditProfilePage(p: {
  ctx: PageContext;
  values: Values;
  avatarKey: string | null;
  errors?: Errors | undefined;
  avatarErrors?: Errors | undefined;
  notice?: string | null;
}) {
  const { ctx, values, errors } = p;
  const { t } = ctx;
  const displayName = values.displayName ?? "";
  return (
    <Layout ctx={ctx} title={t("editProfile.title")}>
      <h1>{t("editProfile.title")}</h1>
      <Notice text={p.notice ?? null} />
      <section class="card" aria-labelledby="avatar-title">
        <h2 id="avatar-title">{t("avatar.title")}</h2>
        <Avatar ctx={ctx} profile={{ avatarKey: p.avatarKey, displayName: displayName || "?" }} />
        <FormErrors ctx={ctx} errors={p.avatarErrors} />
        <Form ctx={ctx} action="/profile/avatar" multipart>
          <div class={p.avatarErrors?.avatar ? "field field-invalid" : "field"}>
            <label for="field-avatar">{t("avatar.label")}</label>
            <input
              id="field-avatar"
              type="file"
              name="avatar"
              accept="image/png,image/jpeg,image/webp"
              required
              aria-invalid={p.avatarErrors?.avatar ? "true" : undefined}
              aria-describedby={p.avatarErrors?.avatar ? "field-avatar-error" : undefined}
            />
            {p.avatarErrors?.avatar && (
              <p class="field-error" id="field-avatar-error">
                {t(p.avatarErrors.avatar.key)}
              </p>
            )}
          </div>
          <div class="actions">
            <button type="submit">{t("avatar.upload")}</button>
          </div>
        </Form>
        {p.avatarKey && (
          <Form ctx={ctx} action="/profile/avatar/remove">
            <button type="submit" class="danger">
              {t("avatar.remove")}
            </button>
          </Form>
        )}
      </section>
      <p>{t("editProfile.intro")}</p>
      <FormErrors ctx={ctx} errors={errors} />
      <Form ctx={ctx} action="/profile/edit">
        <section class="card">
          <Field
            ctx={ctx}
            name="displayName"
            label={t("editProfile.displayName")}
            values={values}
            errors={errors}
            required
            maxlength={100}
          />
        </section>
        <section class="card" aria-labelledby="personal-title">
          <h2 id="personal-title">{t("profile.personal")}</h2>
          {PERSONAL.map((spec) => (
            <FieldWithAudience ctx={ctx} spec={spec} values={values} errors={errors} />
          ))}
        </section>
        <section class="card" aria-labelledby="professional-title">
          <h2 id="professional-title">{t("profile.professional")}</h2>
          {PROFESSIONAL.map((spec) => (
            <FieldWithAudience ctx={ctx} spec={spec} values={values} errors={errors} />
          ))}
        </section>
        <button type="submit">{t("editProfile.save")}</button>
      </Form>
    </Layout>
  );
}
