import { LOGGABLE_KINDS } from "../../../services/ties/log.ts";
import type { Story } from "../../../services/ties/story.ts";
import type { PageContext } from "../../page-context.ts";
import { type Errors, Field, Form, FormErrors, Notice, Select, type Values } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { NurtureNav } from "./nurture.tsx";

export interface StoryForms {
  log?: { values: Values; errors?: Errors };
  adjust?: { values: Values; errors?: Errors };
  date?: { values: Values; errors?: Errors };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** What a ledger entry says, in the viewer's words. */
function entryText(
  ctx: PageContext,
  kind: string,
  source: string,
  initiator: "owner" | "other",
  name: string,
) {
  const { t } = ctx;
  if (source.startsWith("log.")) return t(`nurture.log.what.${source.slice(4)}`);
  return t(`nurture.fact.${kind}.${initiator}`, { name });
}

function Summary({ ctx, story }: { ctx: PageContext; story: Story }) {
  const { t, fmt } = ctx;
  const cadence =
    story.cadence.days === null
      ? t("nurture.cadence.eventDriven")
      : t(`nurture.cadence.${story.cadence.source}`, { days: story.cadence.days });
  return (
    <section class="card" aria-labelledby="summary-title">
      <h2 id="summary-title">{t("nurture.story.where")}</h2>
      <dl class="fields">
        <dt>{t("nurture.story.stage")}</dt>
        <dd>
          <strong>{t(`nurture.stage.${story.stage}`)}</strong> — {t(`nurture.stageHelp.${story.stage}`)}
        </dd>
        <dt>{t("nurture.story.strength")}</dt>
        <dd>
          <meter min={0} max={1} value={story.strength.value} aria-label={t("nurture.story.strength")}>
            {pct(story.strength.value)}
          </meter>{" "}
          {pct(story.strength.value)}
          {story.strength.override !== null &&
            ` (${t("nurture.story.override", { computed: pct(story.strength.computed) })})`}
        </dd>
        <dt>{t("nurture.story.layer")}</dt>
        <dd>{t(`nurture.layer.${story.layer}`)}</dd>
        <dt>{t("nurture.story.cadence")}</dt>
        <dd>{cadence}</dd>
        <dt>{t("nurture.story.last")}</dt>
        <dd>{story.lastInteractionAt ? fmt.date(story.lastInteractionAt) : t("nurture.story.never")}</dd>
        <dt>{t("nurture.story.next")}</dt>
        <dd>{story.nextSuggestedAt ? fmt.date(story.nextSuggestedAt) : t("nurture.story.noNext")}</dd>
      </dl>
    </section>
  );
}

function Explanation({ ctx, story }: { ctx: PageContext; story: Story }) {
  const { t, fmt } = ctx;
  const s = story.strength;
  const terms = ["intensity", "duration", "reciprocity", "multiplexity", "structure"] as const;
  return (
    <section class="card" aria-labelledby="why-title">
      <h2 id="why-title">{t("nurture.why.title")}</h2>
      <p>{t("nurture.why.formula")}</p>
      <table>
        <caption class="visually-hidden">{t("nurture.why.termsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("nurture.why.term")}</th>
            <th scope="col">{t("nurture.why.value")}</th>
            <th scope="col">{t("nurture.why.contribution")}</th>
          </tr>
        </thead>
        <tbody>
          {terms.map((term) => (
            <tr>
              <th scope="row">
                {t(`nurture.term.${term}`)}
                <br />
                <small class="muted">
                  {t(`nurture.termHelp.${term}`, { out: s.initiations.owner, in: s.initiations.other })}
                </small>
              </th>
              <td>{pct(s.terms[term])}</td>
              <td>{pct(s.contributions[term])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.topFacts.length > 0 && (
        <>
          <h3>{t("nurture.why.topFacts")}</h3>
          <ol>
            {s.topFacts.map((f) => (
              <li>
                {t(`nurture.fact.${f.fact.kind}.${f.fact.initiator}`, { name: story.target.name })} —{" "}
                {fmt.date(new Date(f.fact.occurredAt).toISOString())} (
                {t("nurture.why.share", { share: pct(f.strength) })})
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function LogForm({ ctx, story, form }: { ctx: PageContext; story: Story; form: StoryForms["log"] }) {
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

function AdjustForm({ ctx, story, form }: { ctx: PageContext; story: Story; form: StoryForms["adjust"] }) {
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

function Dates({ ctx, story, form }: { ctx: PageContext; story: Story; form: StoryForms["date"] }) {
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

function Timeline({ ctx, story }: { ctx: PageContext; story: Story }) {
  const { t, fmt } = ctx;
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("nurture.timeline.title")}</h2>
      {story.timeline.length === 0 ? (
        <p>{t("nurture.timeline.empty")}</p>
      ) : (
        <ol class="timeline">
          {story.timeline.map((e) => (
            <li>
              <time datetime={e.at}>{fmt.date(e.at)}</time> —{" "}
              {entryText(ctx, e.kind, e.source, e.initiator, story.target.name)}
              {e.note && <p class="muted">{e.note}</p>}
            </li>
          ))}
        </ol>
      )}
      {story.factCount > story.timeline.length && (
        <p class="muted">{t("nurture.timeline.more", { count: story.factCount - story.timeline.length })}</p>
      )}
    </section>
  );
}

/** "Our story": one tie, as only its owner ever sees it. */
export function NurtureStoryPage(p: {
  ctx: PageContext;
  story: Story;
  notice: string | null;
  forms?: StoryForms;
}) {
  const { ctx, story } = p;
  const { t, fmt } = ctx;
  const title = t("nurture.story.title", { name: story.target.name });
  const met = story.howWeMet;
  return (
    <Layout ctx={ctx} title={title}>
      <NurtureNav ctx={ctx} current="" />
      <h1>{title}</h1>
      <Notice text={p.notice} />
      <p class="muted">{t("nurture.story.private", { name: story.target.name })}</p>
      <p>
        {story.target.handle ? (
          <a href={`/@${story.target.handle}`}>{t("nurture.story.profile", { name: story.target.name })}</a>
        ) : (
          <a href={`/contacts/${story.target.contactId}`}>
            {t("nurture.story.contact", { name: story.target.name })}
          </a>
        )}
      </p>
      <Summary ctx={ctx} story={story} />
      <section class="card" aria-labelledby="met-title">
        <h2 id="met-title">{t("nurture.story.howWeMet")}</h2>
        {met ? (
          <p>
            {[met.where, met.on ? fmt.date(`${met.on}T12:00:00.000Z`) : "", met.story]
              .filter(Boolean)
              .join(" · ")}
          </p>
        ) : (
          <p>{t("nurture.story.noHowWeMet")}</p>
        )}
        <h3>{t("nurture.story.notes")}</h3>
        <p class="pre-wrap">{story.notes || t("nurture.story.noNotes")}</p>
      </section>
      <Explanation ctx={ctx} story={story} />
      <LogForm ctx={ctx} story={story} form={p.forms?.log} />
      <Timeline ctx={ctx} story={story} />
      <Dates ctx={ctx} story={story} form={p.forms?.date} />
      <AdjustForm ctx={ctx} story={story} form={p.forms?.adjust} />
    </Layout>
  );
}
