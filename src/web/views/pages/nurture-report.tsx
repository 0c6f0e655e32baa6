import type { Ratio } from "../../../domain/relationships/index.ts";
import { reportLines } from "../../../services/nurture/readings.ts";
import { PERIODS, type PeriodName, type ReportView } from "../../../services/nurture/report.ts";
import type { PageContext } from "../../page-context.ts";
import { BarChart, type BarRow, ColumnChart } from "../charts/bars.tsx";
import { Layout } from "../layout.tsx";
import { NurtureNav } from "./nurture.tsx";

/** The network report: RELATIONSHIPS.md §6 figures as SVG charts with table alternatives and readings. */
export function NurtureReportPage({ ctx, view }: { ctx: PageContext; view: ReportView }) {
  const { t, fmt } = ctx;
  const r = view.report;
  const ratioRow = (label: string, ratio: Ratio): BarRow => ({
    label,
    value: ratio.share ?? 0,
    display:
      ratio.total === 0
        ? t("nurture.report.none")
        : t("nurture.report.ratio", {
            count: ratio.count,
            total: ratio.total,
            share: Math.round((ratio.share ?? 0) * 100),
          }),
  });
  const lines = reportLines(t, r);
  const share = (x: number | null) => (x === null ? t("nurture.report.none") : `${Math.round(x * 100)} %`);
  const capped = r.shape.layers.filter((l) => l.cap !== null);
  const columns: [string, string] = [t("nurture.report.table"), t("nurture.report.figure")];
  return (
    <Layout ctx={ctx} title={t("nurture.report.title")}>
      <h1>{t("nurture.report.title")}</h1>
      <NurtureNav ctx={ctx} current="/nurture/report" />
      <p class="muted">{t("nurture.report.private")}</p>
      <nav aria-label={t("nurture.report.periodLabel")}>
        <ul class="plain inline-list">
          {(Object.keys(PERIODS) as PeriodName[]).map((period) => (
            <li>
              <a
                href={`/nurture/report?period=${period}`}
                aria-current={period === view.period ? "page" : undefined}
              >
                {t(`nurture.period.${period}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p>{t("nurture.report.range", { from: fmt.date(view.from), to: fmt.date(view.to) })}</p>
      <section aria-labelledby="readings-title">
        <h2 id="readings-title">{t("nurture.report.readings")}</h2>
        {lines.length === 0 ? (
          <p>{t("nurture.report.empty")}</p>
        ) : (
          <ul>
            {lines.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="initiative-title">
        <h2 id="initiative-title">{t("nurture.report.followThrough")}</h2>
        <BarChart
          id="chart-follow"
          title={t("nurture.report.followThroughChart")}
          max={1}
          columns={columns}
          rows={[
            ratioRow(t("nurture.report.started"), r.initiative.conversationsStarted),
            ratioRow(t("nurture.report.welcomed"), r.followThrough.welcomedWithin7Days),
            ratioRow(t("nurture.report.meetups"), r.followThrough.meetupFollowUpsWithin72Hours),
            ratioRow(t("nurture.report.established"), r.followThrough.establishedWithin90Days),
            ratioRow(t("nurture.report.answered"), r.reciprocity.incomingAnsweredWithin7Days),
            ratioRow(t("nurture.report.oneSided"), r.reciprocity.oneSidedTies),
          ]}
        />
        <p>
          {t("nurture.report.firstContacts", {
            made: r.initiative.firstContactsMade,
            unanswered: r.initiative.firstContactsUnanswered,
            pending: r.initiative.firstContactsPending,
          })}{" "}
          {t("nurture.report.medianR", { value: share(r.reciprocity.medianReciprocity) })}
        </p>
      </section>
      <section aria-labelledby="shape-title">
        <h2 id="shape-title">{t("nurture.report.shape")}</h2>
        <BarChart
          id="chart-layers"
          title={t("nurture.report.layersChart")}
          referenceLabel={t("nurture.report.layersReference")}
          max={Math.max(150, ...capped.map((l) => l.cumulative))}
          columns={columns}
          rows={capped.map((l) => ({
            label: t(`nurture.layer.${l.layer}`),
            value: l.cumulative,
            reference: l.cap ?? 0,
            display: t("nurture.report.layerValue", { count: l.cumulative, cap: l.cap ?? 0 }),
          }))}
        />
        <BarChart
          id="chart-effort"
          title={t("nurture.report.effortChart")}
          referenceLabel={t("nurture.report.effortReference")}
          max={1}
          columns={columns}
          rows={[
            {
              label: t("nurture.report.effort5"),
              value: r.shape.effort.closest5 ?? 0,
              reference: r.shape.effort.typical.closest5,
              display: t("nurture.report.effortValue", {
                share: share(r.shape.effort.closest5),
                typical: "40 %",
              }),
            },
            {
              label: t("nurture.report.effort15"),
              value: r.shape.effort.next10 ?? 0,
              reference: r.shape.effort.typical.next10,
              display: t("nurture.report.effortValue", {
                share: share(r.shape.effort.next10),
                typical: "20 %",
              }),
            },
          ]}
        />
        <BarChart
          id="chart-origin"
          title={t("nurture.report.originChart")}
          max={Math.max(1, view.ties)}
          columns={columns}
          rows={[
            {
              label: t("nurture.report.online"),
              value: r.shape.origin.online,
              display: String(r.shape.origin.online),
            },
            {
              label: t("nurture.report.offline"),
              value: r.shape.origin.offline,
              display: String(r.shape.origin.offline),
            },
            {
              label: t("nurture.sphere.personal"),
              value: r.shape.sphere.personal,
              display: String(r.shape.sphere.personal),
            },
            {
              label: t("nurture.sphere.professional"),
              value: r.shape.sphere.professional,
              display: String(r.shape.sphere.professional),
            },
            {
              label: t("nurture.sphere.unknown"),
              value: r.shape.sphere.unknown,
              display: String(r.shape.sphere.unknown),
            },
          ]}
        />
        <ColumnChart
          id="chart-months"
          title={t("nurture.report.monthsChart")}
          tableLabel={t("nurture.report.table")}
          categoryLabel={t("nurture.report.month")}
          categories={r.shape.months.map((m) => m.month)}
          series={[
            {
              label: t("nurture.report.gained"),
              color: "#2563eb",
              values: r.shape.months.map((m) => m.gained),
            },
            {
              label: t("nurture.report.consolidated"),
              color: "#15803d",
              values: r.shape.months.map((m) => m.consolidated),
            },
            {
              label: t("nurture.report.faded"),
              color: "#d97706",
              values: r.shape.months.map((m) => m.faded),
            },
          ]}
        />
      </section>
    </Layout>
  );
}
