/**
 * From imported people to an offline contact's columns, and from imported facts to ledger facts.
 * "How we met" is written in the importer's language ("LinkedIn connection since 3 February 2024").
 */
import type { Insertable } from "kysely";
import type { ContactsTable } from "../../db/schema.ts";
import type { ImportedPerson } from "../../domain/imports/model.ts";
import { addUnique, mergePerson } from "../../domain/imports/model.ts";
import type { Channel, FactKind } from "../../domain/relationships/types.ts";
import { formatters, isLocale, translator } from "../../i18n/index.ts";

/** A new contact's row, every column given. */
export type ContactRow = Required<Insertable<ContactsTable>>;

export interface StagedFact {
  /** The source of the person the fact belongs to. */
  source: string;
  kind: string;
  direction: string;
  occurred_at: string;
  undated: number;
  note: string | null;
}

export interface LedgerFact {
  kind: FactKind;
  channel: Channel;
  initiator: "owner" | "other";
  at: string;
  note: string | null;
}

const SOURCE_LABEL: Record<string, string> = {
  linkedin: "LinkedIn",
  twitter: "X/Twitter",
  facebook: "Facebook",
  mastodon: "Mastodon",
  vcard: "vCard",
  google_csv: "Google Contacts",
};

export function sourceLabel(source: string): string {
  return SOURCE_LABEL[source] ?? source;
}

const LINK_LABELS: [RegExp, string][] = [
  [/(^|\.)linkedin\.com$/, "LinkedIn"],
  [/(^|\.)(twitter|x)\.com$/, "X"],
  [/(^|\.)facebook\.com$/, "Facebook"],
  [/(^|\.)github\.com$/, "GitHub"],
];

const MAX_LINKS = 6;

function links(p: ImportedPerson): { label: string; url: string }[] {
  const out: { label: string; url: string }[] = [];
  const seen = new Set<string>();
  const add = (raw: string, label?: string) => {
    const url = URL.parse(raw.trim());
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return;
    if (seen.has(url.href) || out.length >= MAX_LINKS) return;
    seen.add(url.href);
    const host = url.hostname.replace(/^www\./, "");
    out.push({
      label: (label ?? LINK_LABELS.find(([re]) => re.test(host))?.[1] ?? host).slice(0, 60),
      url: url.href,
    });
  };
  for (const u of p.urls) add(u);
  if (p.fediverseHandle) {
    const [, user, host] = p.fediverseHandle.split("@");
    if (user && host) add(`https://${host}/@${user}`, "Fediverse");
  }
  return out;
}

function cleanPhone(phone: string): string {
  return phone
    .replace(/[^0-9+().\-/\s]/g, "")
    .trim()
    .slice(0, 40);
}

function validEmail(email: string): string {
  const e = email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) && e.length <= 254 ? e : "";
}

/** One person from several records (accepted merges): the first record wins on single values. */
export function mergeRecords(records: ImportedPerson[]): ImportedPerson {
  const [first, ...rest] = records;
  if (!first) throw new Error("mergeRecords: no record");
  return rest.reduce((a, b) => mergePerson(a, b), first);
}

function firstDated(facts: StagedFact[], kinds: string[]): string | undefined {
  let best: string | undefined;
  for (const f of facts) {
    if (f.undated || !kinds.includes(f.kind)) continue;
    if (!best || f.occurred_at < best) best = f.occurred_at;
  }
  return best;
}

/** The columns of a new contact made of `records` (one person from one or several sources). */
export function contactColumns(
  records: ImportedPerson[],
  facts: StagedFact[],
  localeName: string,
): Omit<ContactRow, "id" | "owner_id" | "linked_actor_id" | "created_at" | "updated_at"> {
  const locale = isLocale(localeName) ? localeName : "en";
  const t = translator(locale);
  const fmt = formatters(locale, "UTC");
  const p = mergeRecords(records);
  const sources = [...new Set(records.map((r) => r.source))];
  const how: string[] = [];
  for (const r of records) if (r.howWeMet && !["linkedin"].includes(r.source)) addUnique(how, r.howWeMet);
  const dated = (kinds: string[], source: string) =>
    firstDated(
      facts.filter((f) => f.source === source),
      kinds,
    );
  for (const source of sources) {
    if (source === "linkedin") {
      const since = dated(["connection"], source);
      if (since) how.push(t("imports.howMet.linkedin", { date: fmt.date(since) }));
      else how.push(t("imports.howMet.linkedinNoDate"));
      const invitation = records.find((r) => r.source === "linkedin" && r.howWeMet)?.howWeMet;
      if (invitation) how.push(t("imports.howMet.invitation", { note: invitation }));
    } else if (source === "facebook") {
      const since = dated(["friendship"], source);
      how.push(
        since ? t("imports.howMet.facebook", { date: fmt.date(since) }) : t("imports.howMet.facebookNoDate"),
      );
    } else if (source === "twitter" || source === "mastodon") {
      const label = sourceLabel(source);
      const mine = facts.filter((f) => f.source === source);
      const dm = firstDated(mine, ["dm_day"]);
      if (dm) how.push(t("imports.howMet.dms", { source: label, date: fmt.date(dm) }));
      else if (mine.some((f) => f.kind === "follow")) how.push(t("imports.howMet.follow", { source: label }));
      else if (mine.some((f) => f.kind === "follower"))
        how.push(t("imports.howMet.follower", { source: label }));
    }
  }
  const notes: string[] = [];
  if (p.notes) notes.push(p.notes);
  const work = [p.role, p.organisation].filter(Boolean).join(" · ");
  if (work) notes.push(t("imports.notes.work", { work }));
  if (p.birthday) {
    const b = p.birthday;
    const mm = String(b.month).padStart(2, "0");
    const dd = String(b.day).padStart(2, "0");
    notes.push(t("imports.notes.birthday", { date: b.year ? `${b.year}-${mm}-${dd}` : `--${mm}-${dd}` }));
  }
  const emails = p.emails.map(validEmail).filter(Boolean);
  if (emails.length > 1) notes.push(t("imports.notes.emails", { list: emails.slice(1).join(", ") }));
  const phones = p.phones.map(cleanPhone).filter(Boolean);
  if (phones.length > 1) notes.push(t("imports.notes.phones", { list: phones.slice(1).join(", ") }));
  for (const r of p.related ?? []) notes.push(`${r.label}: ${r.name}`);
  const earliest = firstDated(facts, ["connection", "invitation", "friendship", "dm_day"]);
  const professional = sources.includes("linkedin");
  const personal = sources.some((s) => s !== "linkedin");
  return {
    name: p.displayName.trim().slice(0, 100) || "?",
    met_where: (
      p.metWhere ??
      sources
        .filter((s) => s !== "vcard" && s !== "google_csv")
        .map(sourceLabel)
        .join(", ")
    ).slice(0, 200),
    met_on: p.metOn ?? (earliest ? earliest.slice(0, 10) : null),
    how_met: how.join("\n").slice(0, 1000),
    notes: notes.join("\n").slice(0, 10_000),
    tags: JSON.stringify(
      p.tags
        .map((tag) => tag.trim().replace(/^#/, "").slice(0, 50))
        .filter(Boolean)
        .slice(0, 30),
    ),
    side: (professional && personal ? "both" : professional ? "professional" : "personal") as
      | "both"
      | "professional"
      | "personal",
    email: emails[0] ?? "",
    phone: phones[0] ?? "",
    links: JSON.stringify(links(p)),
    source: records[0]?.source ?? "import",
    source_key: records[0]?.sourceKey ?? null,
  };
}

/**
 * The ledger fact of an imported one. A both-ways DM day has no known initiator: it is given to each
 * side on alternate days (by day number), so reciprocity reads as balanced and a re-import maps the
 * same day to the same row.
 */
export function ledgerFact(f: StagedFact, connectionInitiator: "owner" | "other"): LedgerFact | null {
  const base = { at: f.occurred_at, note: f.note };
  switch (f.kind) {
    case "connection":
      return { ...base, kind: "connection_accepted", channel: "dm", initiator: connectionInitiator };
    case "friendship":
      return { ...base, kind: "connection_accepted", channel: "dm", initiator: "other" };
    case "invitation":
      return {
        ...base,
        kind: "connection_request",
        channel: "dm",
        initiator: f.direction === "in" ? "other" : "owner",
      };
    case "dm_day": {
      if (f.direction === "both") {
        const day = Math.floor(Date.parse(f.occurred_at) / 86_400_000);
        return { ...base, kind: "dm_day_both", channel: "dm", initiator: day % 2 === 0 ? "owner" : "other" };
      }
      return {
        ...base,
        kind: "dm_day_one_way",
        channel: "dm",
        initiator: f.direction === "in" ? "other" : "owner",
      };
    }
    case "follow":
      return { ...base, kind: "follow", channel: "public", initiator: "owner" };
    case "follower":
      return { ...base, kind: "follow", channel: "public", initiator: "other" };
    default:
      return null;
  }
}

/** Who accepted a LinkedIn connection: the other side when the owner sent the invitation. */
export function connectionInitiator(facts: StagedFact[]): "owner" | "other" {
  const invitation = facts.find((f) => f.kind === "invitation");
  return invitation?.direction === "in" ? "owner" : "other";
}
