/** LinkedIn data export: Connections.csv and Invitations.csv (messages.csv lives in linkedin-messages.ts). */
import {
  type ByteSource,
  type CsvRecord,
  cell,
  forEachCsvRecord,
  headerIndex,
  parseCsvRecords,
  parseExportDate,
} from "./csv.ts";
import {
  combineResults,
  emptyResult,
  type ImportedPerson,
  ImportFormatError,
  type ImportResult,
  mergePerson,
  newPerson,
} from "./model.ts";
import { assertLineLengths, normalizeName } from "./text.ts";

/** Rows read before giving up on finding the header (LinkedIn puts a few note lines first). */
const HEADER_SEARCH_ROWS = 20;

/** Stable key of a LinkedIn member: the profile URL without scheme, host prefix or trailing slash. */
export function linkedInKey(url: string, name: string): string {
  const m = /linkedin\.com\/(in|pub)\/([^/?#\s]+)/i.exec(url);
  if (m) return `linkedin.com/${(m[1] ?? "").toLowerCase()}/${(m[2] ?? "").toLowerCase()}`;
  if (url.trim()) return url.trim().toLowerCase();
  return `name:${normalizeName(name)}`;
}

function splitName(full: string): { first?: string; last?: string } {
  const parts = full.trim().split(/\s+/);
  if (parts.length < 2) return { first: parts[0] || undefined };
  return { first: parts[0], last: parts.slice(1).join(" ") };
}

/** Collects Connections.csv records; shared by the string and the streaming entry points. */
export class ConnectionsCollector {
  readonly result = emptyResult();
  private cols: Map<string, number> | undefined;
  private seen = 0;
  private deactivated = 0;

  constructor(private readonly file: string) {}

  add({ row, line }: CsvRecord): void {
    if (!this.cols) {
      this.seen++;
      const lower = row.map((c) => c.trim().toLowerCase());
      if (lower[0] === "first name" && lower.includes("last name") && lower.includes("connected on")) {
        this.cols = headerIndex(row);
      } else if (this.seen > HEADER_SEARCH_ROWS) {
        throw new ImportFormatError(
          "wrong_format",
          this.file,
          "no “First Name,Last Name,…,Connected On” header: this is not LinkedIn's Connections.csv",
        );
      }
      return;
    }
    const c = (name: string) => cell(row, this.cols ?? new Map(), name);
    const first = c("first name");
    const last = c("last name");
    const url = c("url");
    const email = c("email address");
    const dateText = c("connected on");
    const connectedAt = parseExportDate(dateText);
    const name = `${first} ${last}`.trim();
    if (!name && !url) {
      if (dateText || row.some((v) => v.trim())) {
        this.deactivated++;
        this.result.skipped.push({ reason: "deactivated_profile", line });
      }
      return;
    }
    const key = linkedInKey(url, name);
    const p = newPerson("linkedin", key, name || url);
    if (first) p.firstName = first;
    if (last) p.lastName = last;
    if (url) p.urls.push(url);
    if (email) p.emails.push(email);
    const company = c("company");
    const position = c("position");
    if (company) p.organisation = company;
    if (position) p.role = position;
    if (connectedAt) {
      p.connectedAt = connectedAt;
      this.result.facts.push({
        personKey: key,
        kind: "connection",
        direction: "both",
        occurredAt: connectedAt,
      });
    } else if (dateText) {
      this.result.warnings.push(`${this.file} line ${line}: unreadable date “${dateText.slice(0, 40)}”`);
    }
    this.result.people.push(p);
  }

  /** Takes the people and facts collected so far (a streaming reader writes them as it goes). */
  take(): { people: ImportedPerson[]; facts: ImportResult["facts"] } {
    const { people, facts } = this.result;
    this.result.people = [];
    this.result.facts = [];
    return { people, facts };
  }

  finish(): ImportResult {
    if (!this.cols) {
      throw new ImportFormatError(
        "wrong_format",
        this.file,
        "no header row: this is not LinkedIn's Connections.csv",
      );
    }
    if (this.deactivated > 0) {
      this.result.warnings.push(`${this.file}: ${this.deactivated} deactivated profile(s) skipped`);
    }
    return this.result;
  }
}

export function parseLinkedInConnections(text: string, file = "Connections.csv"): ImportResult {
  assertLineLengths(text, file);
  const c = new ConnectionsCollector(file);
  for (const r of parseCsvRecords(text, file)) c.add(r);
  return c.finish();
}

/** Streaming variant for very large Connections.csv files. */
export async function streamLinkedInConnections(
  source: ByteSource,
  file = "Connections.csv",
): Promise<ImportResult> {
  const c = new ConnectionsCollector(file);
  await forEachCsvRecord(source, file, (r) => c.add(r));
  return c.finish();
}

/** Invitations.csv: From,To,Sent At,Message,Direction[,inviterProfileUrl,inviteeProfileUrl]. */
export function parseLinkedInInvitations(text: string, file = "Invitations.csv"): ImportResult {
  assertLineLengths(text, file);
  const records = parseCsvRecords(text, file);
  const head = records[0]?.row.map((h) => h.trim().toLowerCase()) ?? [];
  if (!(head[0] === "from" && head.includes("to") && head.includes("direction"))) {
    throw new ImportFormatError("wrong_format", file, "no “From,To,Sent At,Message,Direction” header");
  }
  const cols = headerIndex(records[0]?.row ?? []);
  const result = emptyResult();
  for (const { row, line } of records.slice(1)) {
    const direction = cell(row, cols, "direction").toUpperCase();
    const outgoing = direction === "OUTGOING";
    if (!outgoing && direction !== "INCOMING") {
      result.skipped.push({ reason: "unknown_direction", line });
      continue;
    }
    const name = cell(row, cols, outgoing ? "to" : "from");
    const url = cell(row, cols, outgoing ? "inviteeprofileurl" : "inviterprofileurl");
    const occurredAt = parseExportDate(cell(row, cols, "sent at"));
    if (!name && !url) {
      result.skipped.push({ reason: "no_name", line });
      continue;
    }
    if (!occurredAt) {
      result.skipped.push({ reason: "bad_date", line });
      continue;
    }
    const key = linkedInKey(url, name);
    const p = newPerson("linkedin", key, name || url);
    const { first, last } = splitName(name);
    if (first) p.firstName = first;
    if (last) p.lastName = last;
    if (url) p.urls.push(url);
    const message = cell(row, cols, "message");
    if (message) p.howWeMet = message;
    result.people.push(p);
    result.facts.push({
      personKey: key,
      kind: "invitation",
      direction: outgoing ? "out" : "in",
      occurredAt,
      ...(message ? { note: message } : {}),
    });
  }
  return result;
}

/**
 * Combines several LinkedIn results and links people known only by name (invitations or messages
 * without a profile URL) to the connection with the same unique name.
 */
export function combineLinkedIn(results: ImportResult[]): ImportResult {
  const all = combineResults(results);
  const byName = new Map<string, ImportedPerson | null>();
  for (const p of all.people) {
    if (p.sourceKey.startsWith("name:")) continue;
    const n = normalizeName(p.displayName);
    byName.set(n, byName.has(n) ? null : p);
  }
  const rename = new Map<string, string>();
  const people: ImportedPerson[] = [];
  for (const p of all.people) {
    const target = p.sourceKey.startsWith("name:") ? byName.get(p.sourceKey.slice(5)) : undefined;
    if (target) rename.set(p.sourceKey, target.sourceKey);
    else people.push(p);
  }
  for (const p of all.people) {
    const to = rename.get(p.sourceKey);
    if (!to) continue;
    const i = people.findIndex((q) => q.sourceKey === to);
    const existing = people[i];
    if (existing) people[i] = mergePerson(existing, { ...p, sourceKey: to });
  }
  for (const f of all.facts) f.personKey = rename.get(f.personKey) ?? f.personKey;
  return { ...all, people };
}
