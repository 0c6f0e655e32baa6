/** Normalized model shared by every import parser. Pure types and tiny helpers, no I/O. */

export type ImportSource = "linkedin" | "twitter" | "facebook" | "vcard" | "google_csv" | "mastodon";

export interface Birthday {
  month: number;
  day: number;
  year?: number;
}

export interface RelatedName {
  name: string;
  label: string;
}

export interface ImportedPerson {
  /** Stable id within the source, so that importing the same export twice is idempotent. */
  sourceKey: string;
  source: ImportSource;
  displayName: string;
  firstName?: string;
  lastName?: string;
  emails: string[];
  phones: string[];
  urls: string[];
  /** `@user@host` */
  fediverseHandle?: string;
  organisation?: string;
  role?: string;
  tags: string[];
  birthday?: Birthday;
  notes?: string;
  howWeMet?: string;
  /** Liens' own "where we met" and "when we met" (YYYY-MM-DD), carried by its vCard export. */
  metWhere?: string;
  metOn?: string;
  connectedAt?: Date;
  related?: RelatedName[];
}

export type FactKind = "connection" | "invitation" | "dm_day" | "friendship" | "follow" | "follower";
export type FactDirection = "out" | "in" | "both";

export interface ImportedFact {
  personKey: string;
  kind: FactKind;
  direction: FactDirection;
  occurredAt: Date;
  /** True when the export carries no date (follows): occurredAt is then the caller's `asOf`. */
  undated?: boolean;
  note?: string;
}

export interface SkippedItem {
  reason: string;
  line?: number;
  ref?: string;
}

export interface ImportResult {
  people: ImportedPerson[];
  facts: ImportedFact[];
  skipped: SkippedItem[];
  warnings: string[];
}

export type ImportErrorCode =
  | "wrong_format"
  | "bad_encoding"
  | "truncated"
  | "too_large"
  | "line_too_long"
  | "unsafe_path"
  | "zip_bomb"
  | "too_many_entries";

/** A problem with the user's file, safe to show: says what is wrong and with which file. */
export class ImportFormatError extends Error {
  override readonly name = "ImportFormatError";
  readonly code: ImportErrorCode;
  readonly file: string;

  constructor(code: ImportErrorCode, file: string, message: string) {
    super(`${file}: ${message}`);
    this.code = code;
    this.file = file;
  }
}

export function emptyResult(): ImportResult {
  return { people: [], facts: [], skipped: [], warnings: [] };
}

export function newPerson(source: ImportSource, sourceKey: string, displayName: string): ImportedPerson {
  return { sourceKey, source, displayName, emails: [], phones: [], urls: [], tags: [] };
}

/** Appends values not already present (case-insensitive), ignoring blanks. */
export function addUnique(list: string[], ...values: (string | undefined)[]): void {
  for (const raw of values) {
    const value = raw?.trim();
    if (!value) continue;
    const lower = value.toLowerCase();
    if (!list.some((v) => v.toLowerCase() === lower)) list.push(value);
  }
}

/** Merges `b` into `a` (same person seen in two files of one export). `a` wins on scalar fields. */
export function mergePerson(a: ImportedPerson, b: ImportedPerson): ImportedPerson {
  const merged: ImportedPerson = { ...b, ...stripUndefined(a) };
  merged.emails = [...a.emails];
  addUnique(merged.emails, ...b.emails);
  merged.phones = [...a.phones];
  addUnique(merged.phones, ...b.phones);
  merged.urls = [...a.urls];
  addUnique(merged.urls, ...b.urls);
  merged.tags = [...a.tags];
  addUnique(merged.tags, ...b.tags);
  if (a.related || b.related) merged.related = [...(a.related ?? []), ...(b.related ?? [])];
  return merged;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Concatenates results, merging people that share `source` + `sourceKey`. */
export function combineResults(results: ImportResult[]): ImportResult {
  const out = emptyResult();
  const index = new Map<string, number>();
  for (const r of results) {
    for (const p of r.people) {
      const key = `${p.source}\u0000${p.sourceKey}`;
      const at = index.get(key);
      const existing = at === undefined ? undefined : out.people[at];
      if (at !== undefined && existing) out.people[at] = mergePerson(existing, p);
      else {
        index.set(key, out.people.length);
        out.people.push(p);
      }
    }
    // Loops, not push(...list): a spread of 100,000+ facts overflows the call stack.
    for (const f of r.facts) out.facts.push(f);
    for (const s of r.skipped) out.skipped.push(s);
    for (const w of r.warnings) out.warnings.push(w);
  }
  return out;
}

/** UTC calendar day `YYYY-MM-DD` of a date (interaction days are counted in UTC). */
export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
