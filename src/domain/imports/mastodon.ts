/**
 * Mastodon CSV exports: follows (`Account address,Show boosts,Notify on new posts,Languages`, older
 * two-column variants, or a header-less one-column list) and lists (`list name,account address` rows,
 * no header) → tags.
 */
import { parseCsvRecords } from "./csv.ts";
import { combineResults, emptyResult, ImportFormatError, type ImportResult, newPerson } from "./model.ts";
import { assertLineLengths } from "./text.ts";

const HANDLE = /^@?([\w.-]+)@((?:[\w-]+\.)+[\w-]+)$/;

/** `@user@host` (host lower-cased) or undefined. */
export function normalizeHandle(s: string): string | undefined {
  const m = HANDLE.exec(s.trim());
  return m ? `@${m[1]}@${(m[2] ?? "").toLowerCase()}` : undefined;
}

export function mastodonKey(handle: string): string {
  return `acct:${handle.slice(1).toLowerCase()}`;
}

function person(handle: string) {
  const p = newPerson("mastodon", mastodonKey(handle), handle);
  p.fediverseHandle = handle;
  const [, user, host] = handle.split("@");
  p.urls.push(`https://${host}/@${user}`);
  return p;
}

export type MastodonCsvKind = "follows" | "lists" | "other";

/** Tells follows from lists by content, whatever the file name. */
export function mastodonCsvKind(rows: string[][]): MastodonCsvKind {
  const first = rows[0]?.map((c) => c.trim().toLowerCase()) ?? [];
  if (first[0] === "account address") return first.includes("hide notifications") ? "other" : "follows";
  const sample = rows.slice(0, 20);
  if (sample.length === 0) return "other";
  if (sample.every((r) => r.length === 1 && normalizeHandle(r[0] ?? ""))) return "follows";
  if (sample.every((r) => r.length === 2 && (r[0] ?? "").trim() !== "" && normalizeHandle(r[1] ?? "")))
    return "lists";
  return "other";
}

export interface MastodonOptions {
  /** Date given to the undated follow facts: the import time, from the caller's clock. */
  asOf: Date;
}

export function parseMastodonFollows(
  text: string,
  opts: MastodonOptions,
  file = "following_accounts.csv",
): ImportResult {
  assertLineLengths(text, file);
  const records = parseCsvRecords(text, file);
  if (mastodonCsvKind(records.map((r) => r.row)) !== "follows") {
    throw new ImportFormatError(
      "wrong_format",
      file,
      "not a Mastodon follows export (expected “Account address,…”)",
    );
  }
  const result = emptyResult();
  const hasHeader = (records[0]?.row[0] ?? "").trim().toLowerCase() === "account address";
  for (const { row, line } of hasHeader ? records.slice(1) : records) {
    const handle = normalizeHandle(row[0] ?? "");
    if (!handle) {
      result.skipped.push({ reason: "bad_address", line });
      continue;
    }
    result.people.push(person(handle));
    result.facts.push({
      personKey: mastodonKey(handle),
      kind: "follow",
      direction: "out",
      occurredAt: opts.asOf,
      undated: true,
    });
  }
  return dedupeFacts(combineResults([result]));
}

export function parseMastodonLists(text: string, file = "lists.csv"): ImportResult {
  assertLineLengths(text, file);
  const records = parseCsvRecords(text, file);
  if (mastodonCsvKind(records.map((r) => r.row)) !== "lists") {
    throw new ImportFormatError(
      "wrong_format",
      file,
      "not a Mastodon lists export (expected “list name,account address” rows)",
    );
  }
  const result = emptyResult();
  for (const { row, line } of records) {
    const handle = normalizeHandle(row[1] ?? "");
    const list = (row[0] ?? "").trim();
    if (!handle || !list) {
      result.skipped.push({ reason: "bad_row", line });
      continue;
    }
    const p = person(handle);
    p.tags.push(list);
    result.people.push(p);
  }
  return combineResults([result]);
}

function dedupeFacts(r: ImportResult): ImportResult {
  const seen = new Set<string>();
  r.facts = r.facts.filter((f) => !seen.has(f.personKey) && seen.add(f.personKey) !== undefined);
  return r;
}
