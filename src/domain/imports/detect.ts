/** Format detection from a file name and its first bytes, with encoding checks. */

import { parse } from "csv-parse/sync";
import { CSV_OPTIONS } from "./csv.ts";
import { isGoogleCsvHeader } from "./google-csv.ts";
import { mastodonCsvKind } from "./mastodon.ts";
import { ImportFormatError } from "./model.ts";
import { firstInvalidUtf8, MAX_LINE_LENGTH } from "./text.ts";
import { twitterDataName } from "./twitter.ts";

export type DetectedFormat =
  | "zip"
  | "linkedin_connections"
  | "linkedin_invitations"
  | "linkedin_messages"
  | "twitter_data"
  | "facebook_friends"
  | "vcard"
  | "google_csv"
  | "mastodon_follows"
  | "mastodon_lists";

/** X archive data sets this importer reads; the others (likes, blocks…) are not about people. */
export const TWITTER_DATA_SETS = new Set([
  "account",
  "following",
  "follower",
  "direct_messages",
  "direct_messages_group",
  "tweets",
  "tweet",
]);

/** Bytes of the head that detection needs; pass at least this much when you have it. */
export const DETECT_HEAD_BYTES = 64 * 1024;

const SUPPORTED =
  "LinkedIn CSV, X/Twitter archive, Facebook JSON, vCard, Google Contacts CSV or Mastodon CSV";

/** Decodes the head of a file for sniffing: BOMs handled, invalid UTF-8 → `bad_encoding`. */
export function decodeHead(file: string, head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder("utf-16le").decode(head.subarray(2));
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder("utf-16be").decode(head.subarray(2));
  const bad = firstInvalidUtf8(head);
  // An invalid sequence in the last 3 bytes may only be a character cut by the head's end.
  if (bad >= 0 && bad < head.length - 3) {
    throw new ImportFormatError(
      "bad_encoding",
      file,
      `the file is not UTF-8 text (invalid byte at offset ${bad}); re-export it as UTF-8`,
    );
  }
  const text = new TextDecoder("utf-8").decode(head);
  if (text.includes("\u0000"))
    throw new ImportFormatError("bad_encoding", file, "the file is binary, not text");
  return text;
}

function headRows(text: string, complete: boolean): string[][] {
  const lines = text.split(/\r?\n/);
  if (!complete) lines.pop();
  const sample = lines.slice(0, 40).join("\n");
  try {
    return parse(sample, { ...CSV_OPTIONS, to_line: 40 }) as string[][];
  } catch {
    return [];
  }
}

/**
 * Detects the format of one file. `head` is the first bytes (or the whole file); `complete` says whether
 * it is the whole file. Throws `wrong_format` naming the file when it is none of the supported formats.
 */
export function detectFormat(fileName: string, head: Uint8Array, complete = false): DetectedFormat {
  const file = fileName.split(/[\\/]/).pop() || fileName;
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "zip";
  const text = decodeHead(file, head).replace(/^\uFEFF/, "");
  const firstNl = text.indexOf("\n");
  if ((firstNl === -1 ? text.length : firstNl) > MAX_LINE_LENGTH) {
    throw new ImportFormatError(
      "line_too_long",
      file,
      "the first line is longer than 1 MB; this is not a text export",
    );
  }
  const trimmed = text.trimStart();
  const ytd = twitterDataName(trimmed);
  if (ytd) {
    if (TWITTER_DATA_SETS.has(ytd)) return "twitter_data";
    throw new ImportFormatError(
      "wrong_format",
      file,
      `this X/Twitter archive file (${ytd}) holds nothing Liens imports`,
    );
  }
  if (/^BEGIN:VCARD/i.test(trimmed)) return "vcard";
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    if (/"friends(_v2)?"\s*:/.test(trimmed)) return "facebook_friends";
    throw new ImportFormatError("wrong_format", file, "this JSON file is not a Facebook friends list");
  }
  const rows = headRows(text, complete);
  const lower = rows.map((r) => r.map((c) => c.trim().toLowerCase()));
  const first = lower[0] ?? [];
  if (
    lower
      .slice(0, 20)
      .some((r) => r[0] === "first name" && r.includes("last name") && r.includes("connected on"))
  ) {
    return "linkedin_connections";
  }
  if (first.includes("conversation id") && first.includes("from") && first.includes("date"))
    return "linkedin_messages";
  if (first[0] === "from" && first.includes("to") && first.includes("direction"))
    return "linkedin_invitations";
  if (rows[0] && isGoogleCsvHeader(rows[0])) return "google_csv";
  const kind = mastodonCsvKind(rows);
  if (kind === "follows" && !/block|mute|domain/i.test(file)) return "mastodon_follows";
  if (kind === "lists") return "mastodon_lists";
  throw new ImportFormatError(
    "wrong_format",
    file,
    `this file is not a format Liens can import (${SUPPORTED})`,
  );
}

/**
 * Whether an archive entry may hold something to import (used to skip media and unrelated data
 * before reading it). Detection by content still decides.
 */
export function isImportCandidate(path: string): boolean {
  const p = path.replace(/\\/g, "/").toLowerCase();
  const base = p.split("/").pop() ?? p;
  if (/\.(vcf|vcard|csv)$/.test(base)) return true;
  if (/(^|\/)data\/(account|following|follower|direct-messages(-group)?|tweets?)(-part\d+)?\.js$/.test(p))
    return true;
  return /(^|\/)(your_friends|friends)\.json$/.test(p);
}
