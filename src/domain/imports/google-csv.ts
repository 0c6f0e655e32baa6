/**
 * Google Contacts CSV, both the older export (`Name,Given Name,…,Group Membership,E-mail 1 - Type,
 * E-mail 1 - Value,…`) and the newer one (`First Name,Middle Name,Last Name,…,E-mail 1 - Value,…,Labels`).
 * A cell may hold several values joined by ` ::: `.
 */
import { cell, headerIndex, parseCsvRecords } from "./csv.ts";
import { combineResults, emptyResult, ImportFormatError, type ImportResult, newPerson } from "./model.ts";
import { assertLineLengths } from "./text.ts";
import { derivedKey, parseBirthday } from "./vcard.ts";

const MULTI = /\s*:::\s*/;
const SYSTEM_LABELS = /^\*?\s*(mycontacts|starred)$/i;

export function isGoogleCsvHeader(header: string[]): boolean {
  const h = header.map((x) => x.trim().toLowerCase());
  const old = h[0] === "name" && h.includes("given name");
  const modern =
    h[0] === "first name" && h.includes("last name") && h.some((x) => /^e-mail 1 - value$/.test(x));
  return old || modern || (h.includes("given name") && h.includes("family name"));
}

function values(s: string): string[] {
  return s
    ? s
        .split(MULTI)
        .map((v) => v.trim())
        .filter(Boolean)
    : [];
}

export function parseGoogleCsv(text: string, file = "contacts.csv"): ImportResult {
  assertLineLengths(text, file);
  const records = parseCsvRecords(text, file);
  const header = records[0]?.row ?? [];
  if (!isGoogleCsvHeader(header)) {
    throw new ImportFormatError(
      "wrong_format",
      file,
      "the header is not Google Contacts' (Name,Given Name,… or First Name,…,Labels)",
    );
  }
  const cols = headerIndex(header);
  const numbered = (prefix: string) =>
    [...cols.keys()]
      .filter((k) => k.startsWith(`${prefix} `) && k.endsWith(" - value"))
      .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const emailCols = numbered("e-mail");
  const phoneCols = numbered("phone");
  const webCols = numbered("website");
  const relationCols = numbered("relation");
  const result = emptyResult();
  for (const { row, line } of records.slice(1)) {
    const c = (name: string) => cell(row, cols, name);
    const first = c("given name") || c("first name");
    const last = c("family name") || c("last name");
    const middle = c("additional name") || c("middle name");
    const org = c("organization 1 - name") || c("organization name");
    const emails = emailCols.flatMap((k) => values(c(k)));
    const phones = phoneCols.flatMap((k) => values(c(k)));
    const display =
      c("name") ||
      [first, middle, last].filter(Boolean).join(" ") ||
      c("nickname") ||
      org ||
      emails[0] ||
      phones[0] ||
      "";
    if (!display) {
      if (row.some((v) => v.trim())) result.skipped.push({ reason: "no_name", line });
      continue;
    }
    const p = newPerson(
      "google_csv",
      derivedKey(display, emails[0] ?? phones[0]?.replace(/[^\d+]/g, "") ?? ""),
      display,
    );
    if (first) p.firstName = first;
    if (last) p.lastName = last;
    p.emails.push(...emails);
    p.phones.push(...phones);
    p.urls.push(...webCols.flatMap((k) => values(c(k))));
    if (org) p.organisation = org;
    const title = c("organization 1 - title") || c("organization title") || c("occupation");
    if (title) p.role = title;
    const notes = c("notes");
    if (notes) p.notes = notes;
    const bday = c("birthday");
    if (bday) {
      const b = parseBirthday(bday);
      if (b) p.birthday = b;
      else result.warnings.push(`${file} line ${line}: unreadable birthday “${bday.slice(0, 40)}”`);
    }
    for (const t of values(c("group membership") || c("labels"))) {
      const tag = t.replace(/^\*\s*/, "");
      if (!SYSTEM_LABELS.test(t) && tag) p.tags.push(tag);
    }
    const related = relationCols.flatMap((k) => {
      const label =
        c(k.replace(/ - value$/, " - type")) || c(k.replace(/ - value$/, " - label")) || "related";
      return values(c(k)).map((name) => ({ name, label }));
    });
    if (related.length > 0) p.related = related;
    result.people.push(p);
  }
  return combineResults([result]);
}
