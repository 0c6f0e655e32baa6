/** vCard 4.0 writer (RFC 6350, SOCIALPROFILE from RFC 9554): export → import round-trips. */
import type { Birthday, ImportedPerson } from "./model.ts";
import { escapeText, foldLine } from "./vcard-lines.ts";

/** RELATED TYPE values defined by RFC 6350; other labels go to an Apple-style `X-ABLabel`. */
const RELATED_TYPES = new Set([
  "contact",
  "acquaintance",
  "friend",
  "met",
  "co-worker",
  "colleague",
  "co-resident",
  "neighbor",
  "child",
  "parent",
  "sibling",
  "spouse",
  "kin",
  "muse",
  "crush",
  "date",
  "sweetheart",
  "me",
  "agent",
  "emergency",
]);

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function birthday(b: Birthday): string {
  return b.year === undefined
    ? `--${pad(b.month)}${pad(b.day)}`
    : `${pad(b.year, 4)}${pad(b.month)}${pad(b.day)}`;
}

export function personToVCard4(p: ImportedPerson): string {
  const lines = ["BEGIN:VCARD", "VERSION:4.0"];
  const add = (name: string, value: string) => lines.push(foldLine(`${name}:${value}`));
  add("UID;VALUE=text", escapeText(p.sourceKey));
  add("FN", escapeText(p.displayName));
  if (p.firstName || p.lastName)
    add("N", `${escapeText(p.lastName ?? "")};${escapeText(p.firstName ?? "")};;;`);
  for (const e of p.emails) add("EMAIL", escapeText(e));
  for (const t of p.phones) add("TEL", escapeText(t));
  for (const u of p.urls) add("URL", escapeText(u));
  if (p.fediverseHandle)
    add("SOCIALPROFILE;SERVICE-TYPE=fediverse;VALUE=text", escapeText(p.fediverseHandle));
  if (p.organisation) add("ORG", escapeText(p.organisation));
  if (p.role) add("TITLE", escapeText(p.role));
  if (p.tags.length > 0) add("CATEGORIES", p.tags.map(escapeText).join(","));
  if (p.birthday) add("BDAY", birthday(p.birthday));
  if (p.notes) add("NOTE", escapeText(p.notes));
  if (p.howWeMet) add("X-LIENS-HOW-WE-MET", escapeText(p.howWeMet));
  if (p.metWhere) add("X-LIENS-MET-WHERE", escapeText(p.metWhere));
  if (p.metOn) add("X-LIENS-MET-ON", p.metOn);
  (p.related ?? []).forEach((r, i) => {
    if (RELATED_TYPES.has(r.label)) add(`RELATED;VALUE=text;TYPE=${r.label}`, escapeText(r.name));
    else {
      add(`item${i + 1}.RELATED;VALUE=text`, escapeText(r.name));
      add(`item${i + 1}.X-ABLabel`, escapeText(r.label));
    }
  });
  lines.push("END:VCARD");
  return lines.join("\r\n");
}

/** Serializes people as one vCard 4.0 file (CRLF line endings, folded at 75 octets). */
export function toVCard4(people: ImportedPerson[]): string {
  return people.length === 0 ? "" : `${people.map(personToVCard4).join("\r\n")}\r\n`;
}
