import { type NetworkReport, networkReport, type ReportTie } from "../../domain/relationships/index.ts";
import { DAY_MS } from "../../domain/relationships/params.ts";
import type { Fact } from "../../domain/relationships/types.ts";
import type { Deps, Viewer } from "../deps.ts";
import { settingsOf } from "../ties/columns.ts";
import { toFact } from "../ties/facts.ts";

export const PERIODS = { month: 30, quarter: 91, year: 365, all: null } as const;
export type PeriodName = keyof typeof PERIODS;

export function parsePeriod(value: string | undefined): PeriodName {
  return value && value in PERIODS ? (value as PeriodName) : "quarter";
}

export interface ReportView {
  period: PeriodName;
  from: string;
  to: string;
  report: NetworkReport;
  ties: number;
}

/**
 * The network report over a period (RELATIONSHIPS.md §6), from the owner's whole ledger and settings.
 * Only the owner ever gets it.
 */
export async function buildReport(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  period: PeriodName,
): Promise<ReportView> {
  const owner = viewer.accountId;
  const toMs = deps.clock.now().getTime();
  const [rows, ties, contacts] = await Promise.all([
    deps.db
      .selectFrom("interactions")
      .select(["other_key", "kind", "initiator", "channel", "occurred_at", "source_id", "note"])
      .where("owner_id", "=", owner)
      .where("occurred_at", "<=", new Date(toMs).toISOString())
      .orderBy("occurred_at")
      .execute(),
    deps.db
      .selectFrom("ties")
      .select([
        "other_key",
        "family",
        "pinned_layer",
        "cadence_days",
        "closeness",
        "sphere",
        "other_contact_id",
      ])
      .where("owner_id", "=", owner)
      .execute(),
    deps.db.selectFrom("contacts").select(["id", "side"]).where("owner_id", "=", owner).execute(),
  ]);
  const facts = new Map<string, Fact[]>();
  for (const row of rows) {
    const fact = toFact(row);
    if (!fact) continue;
    const list = facts.get(row.other_key) ?? [];
    list.push(fact);
    facts.set(row.other_key, list);
  }
  const tieByKey = new Map(ties.map((t) => [t.other_key, t]));
  const sideOf = new Map(contacts.map((c) => [c.id, c.side]));
  const reportTies: ReportTie[] = [...facts].map(([id, list]) => {
    const tie = tieByKey.get(id);
    const side = sideOf.get(id);
    const sphere = tie?.sphere ?? (side === "personal" || side === "professional" ? side : undefined);
    return {
      id,
      facts: list,
      settings: settingsOf(tie),
      ...(side !== undefined ? { origin: "offline" as const } : {}),
      ...(sphere ? { sphere } : {}),
    };
  });
  const days = PERIODS[period];
  const first = rows[0] ? Date.parse(rows[0].occurred_at) : toMs;
  const fromMs = days === null ? Math.min(first, toMs) : toMs - days * DAY_MS;
  return {
    period,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    report: networkReport(reportTies, { from: fromMs, to: toMs }),
    ties: reportTies.length,
  };
}
