/** vCard 2.1 / 3.0 / 4.0 reader (Google, Apple, CardDAV exports) → ImportedPerson. */
import { createHash } from "node:crypto";
import {
  type Birthday,
  combineResults,
  emptyResult,
  type ImportedPerson,
  ImportFormatError,
  type ImportResult,
  newPerson,
  type RelatedName,
} from "./model.ts";
import { assertLineLengths, normalizeName } from "./text.ts";
import { parseContentLine, splitEscaped, unescapeText, unfold, type VProperty } from "./vcard-lines.ts";

/** Apple's placeholder year for "no year" birthdays; any year up to it means the same. */
const NO_YEAR = 1604;
const SYSTEM_TAGS = new Set(["mycontacts"]);

export function parseVCards(text: string, file = "contacts.vcf"): ImportResult {
  assertLineLengths(text, file);
  const result = emptyResult();
  let card: VProperty[] | undefined;
  let depth = 0;
  let cards = 0;
  let begin = 0;
  for (const l of unfold(text)) {
    const prop = parseContentLine(l);
    if (!prop) {
      if (card) result.warnings.push(`${file} line ${l.line}: unreadable line ignored`);
      continue;
    }
    const value = prop.raw.trim().toUpperCase();
    if (prop.name === "BEGIN" && value === "VCARD") {
      if (depth++ === 0) {
        card = [];
        begin = l.line;
      }
      continue;
    }
    if (prop.name === "END" && value === "VCARD" && depth > 0) {
      if (--depth === 0 && card) {
        cards++;
        const p = toPerson(card, file, result);
        if (p) result.people.push(p);
        else result.skipped.push({ reason: "empty_card", line: begin });
        card = undefined;
      }
      continue;
    }
    if (card && depth === 1) card.push(prop);
  }
  if (card) result.skipped.push({ reason: "truncated_card", line: begin });
  if (cards === 0) {
    if (card)
      throw new ImportFormatError(
        "truncated",
        file,
        "the only card has no END:VCARD; the file looks cut short",
      );
    throw new ImportFormatError("wrong_format", file, "no BEGIN:VCARD found: this is not a vCard file");
  }
  return combineResults([result]);
}

function typesOf(p: VProperty): string[] {
  return [...(p.params.get("TYPE") ?? []), ...(p.params.get("SERVICE-TYPE") ?? [])].map((t) =>
    t.toLowerCase(),
  );
}

/** Apple writes standard labels as `_$!<Spouse>!$_`. */
function cleanLabel(s: string): string {
  const m = /^_\$!<(.*)>!\$_$/.exec(s.trim());
  return m ? (m[1] ?? "").toLowerCase() : s.trim();
}

function toPerson(props: VProperty[], file: string, result: ImportResult): ImportedPerson | undefined {
  const labels = new Map<string, string>();
  for (const p of props)
    if (p.name === "X-ABLABEL" && p.group) labels.set(p.group, cleanLabel(unescapeText(p.raw)));
  const text = (p: VProperty) => unescapeText(p.raw).trim();
  const first = (name: string) => props.find((p) => p.name === name && text(p) !== "");

  const p = newPerson("vcard", "", "");
  const n = first("N");
  if (n) {
    const [family = "", given = ""] = splitEscaped(n.raw, ";").map((c) => unescapeText(c).trim());
    if (given) p.firstName = given;
    if (family) p.lastName = family;
  }
  const org = first("ORG");
  if (org) p.organisation = unescapeText(splitEscaped(org.raw, ";")[0] ?? "").trim() || undefined;
  const title = first("TITLE") ?? first("ROLE");
  if (title) p.role = text(title);
  const note = first("NOTE");
  if (note) p.notes = text(note);
  const met = first("X-LIENS-HOW-WE-MET");
  if (met) p.howWeMet = text(met);
  const metWhere = first("X-LIENS-MET-WHERE");
  if (metWhere) p.metWhere = text(metWhere);
  const metOn = first("X-LIENS-MET-ON");
  if (metOn && /^\d{4}-\d{2}-\d{2}$/.test(text(metOn))) p.metOn = text(metOn);
  const related: RelatedName[] = [];
  for (const prop of props) {
    const v = text(prop);
    if (!v || prop.params.get("ENCODING")?.[0]?.toUpperCase() === "B") continue;
    switch (prop.name) {
      case "EMAIL":
        addTo(p.emails, v.replace(/^mailto:/i, ""));
        break;
      case "TEL":
        addTo(p.phones, v.replace(/^tel:/i, ""));
        break;
      case "URL":
        addTo(p.urls, v);
        break;
      case "IMPP":
      case "X-SOCIALPROFILE":
      case "SOCIALPROFILE": {
        const label = `${typesOf(prop).join(" ")} ${labels.get(prop.group ?? "") ?? ""}`.toLowerCase();
        const handle = fediverseHandle(v, prop.params.get("X-USER")?.[0], /mastodon|fediverse/.test(label));
        if (handle && !p.fediverseHandle) p.fediverseHandle = handle;
        else if (!handle) addTo(p.urls, v);
        break;
      }
      case "CATEGORIES":
        for (const t of splitEscaped(prop.raw, ",")) {
          const tag = unescapeText(t).trim();
          if (tag && !SYSTEM_TAGS.has(tag.toLowerCase())) addTo(p.tags, tag);
        }
        break;
      case "BDAY": {
        const b = parseBirthday(v, prop.params.get("X-APPLE-OMIT-YEAR")?.[0]);
        if (b) p.birthday ??= b;
        else result.warnings.push(`${file} line ${prop.line}: unreadable birthday “${v.slice(0, 40)}”`);
        break;
      }
      case "X-ABRELATEDNAMES":
      case "RELATED": {
        if (/^urn:uuid:/i.test(v)) break;
        const type = typesOf(prop).find((t) => t !== "pref");
        const label = labels.get(prop.group ?? "") ?? type ?? "related";
        related.push({ name: v, label });
        break;
      }
    }
  }
  if (related.length > 0) p.related = related;
  const fn = first("FN");
  const fromN = [p.firstName, p.lastName].filter(Boolean).join(" ");
  p.displayName = (fn ? text(fn) : "") || fromN || p.organisation || p.emails[0] || p.phones[0] || "";
  if (!p.displayName) return undefined;
  const uid = first("UID");
  p.sourceKey = uid
    ? text(uid)
    : derivedKey(p.displayName, p.emails[0] ?? p.phones[0]?.replace(/[^\d+]/g, "") ?? "");
  return p;
}

function addTo(list: string[], v: string): void {
  if (!list.some((x) => x.toLowerCase() === v.toLowerCase())) list.push(v);
}

/** A stable key for cards without UID: the normalized name plus the first email or phone. */
export function derivedKey(name: string, contact: string): string {
  const h = createHash("sha256")
    .update(`${normalizeName(name)}\u0000${contact.toLowerCase()}`)
    .digest("hex");
  return `derived:${h.slice(0, 24)}`;
}

/** `@user@host` from a handle, an `acct:`/`https://host/@user` address, or Apple's x-user parameter. */
export function fediverseHandle(
  value: string,
  xUser: string | undefined,
  labelled: boolean,
): string | undefined {
  const v = value.trim().replace(/^acct:/i, "");
  const handle = /^@?([\w.-]+)@([\w-]+(?:\.[\w-]+)+)$/.exec(v);
  if (handle) return `@${handle[1]}@${(handle[2] ?? "").toLowerCase()}`;
  const url = /^https?:\/\/([\w-]+(?:\.[\w-]+)+)\/@([\w.-]+)\/?$/i.exec(v);
  if (url && (labelled || xUser)) return `@${xUser ?? url[2]}@${(url[1] ?? "").toLowerCase()}`;
  return undefined;
}

/** `--0415`, `--04-15`, `19850415`, `1985-04-15[T…]`, Apple's year 1604 (= no year). */
export function parseBirthday(v: string, omitYear?: string): Birthday | undefined {
  const m = /^(?:--|(\d{4})-?)(\d{2})-?(\d{2})(?:T.*)?$/.exec(v.trim());
  if (!m) return undefined;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const year = m[1] ? Number(m[1]) : undefined;
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const noYear =
    year === undefined || year <= NO_YEAR || (omitYear !== undefined && Number(omitYear) === year);
  if (!noYear && new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  if (noYear && new Date(Date.UTC(2000, month - 1, day)).getUTCDate() !== day) return undefined;
  return noYear ? { month, day } : { month, day, year };
}
