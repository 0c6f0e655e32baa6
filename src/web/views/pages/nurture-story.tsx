import type { Story } from "../../../services/ties/story.ts";
import type { PageContext } from "../../page-context.ts";
import { Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";
import { NurtureNav } from "./nurture.tsx";
import { AdjustForm, Dates, LogForm, type StoryForms } from "./nurture-story-forms.tsx";

export type { StoryForms } from "./nurture-story-forms.tsx";

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
