import type { NetworkReport } from "../../domain/relationships/index.ts";
import type { Translate } from "../../i18n/index.ts";

const pct = (share: number | null) => Math.round((share ?? 0) * 100);

/** Plain-language readings of a report, most telling first; empty when the period holds nothing. */
export function reportLines(t: Translate, report: NetworkReport): string[] {
  const lines: string[] = [];
  const f = report.followThrough;
  const i = report.initiative;
  const r = report.reciprocity;
  if (f.welcomedWithin7Days.total > 0) {
    lines.push(
      t("nurture.reading.welcomed", {
        count: f.welcomedWithin7Days.count,
        total: f.welcomedWithin7Days.total,
      }),
    );
  }
  if (i.conversationsStarted.total > 0) {
    lines.push(
      t("nurture.reading.started", {
        count: i.conversationsStarted.count,
        total: i.conversationsStarted.total,
      }),
    );
  }
  if (f.meetupFollowUpsWithin72Hours.total > 0) {
    const m = f.meetupFollowUpsWithin72Hours;
    lines.push(t("nurture.reading.meetups", { count: m.count, total: m.total }));
  }
  if (f.establishedWithin90Days.total > 0) {
    const e = f.establishedWithin90Days;
    lines.push(t("nurture.reading.established", { count: e.count, total: e.total }));
  }
  if (r.incomingAnsweredWithin7Days.total > 0) {
    const a = r.incomingAnsweredWithin7Days;
    lines.push(t("nurture.reading.answered", { count: a.count, total: a.total }));
  }
  if (i.firstContactsMade > 0) {
    lines.push(
      t("nurture.reading.firstContacts", {
        count: i.firstContactsMade,
        unanswered: i.firstContactsUnanswered,
      }),
    );
  }
  if (r.oneSidedTies.total > 0) {
    lines.push(t("nurture.reading.oneSided", { count: r.oneSidedTies.count, total: r.oneSidedTies.total }));
  }
  if (report.shape.effort.closest5 !== null) {
    lines.push(t("nurture.reading.effort", { share: pct(report.shape.effort.closest5), typical: 40 }));
  }
  return lines;
}
