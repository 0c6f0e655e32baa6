/** Entry point: detect each file's format, parse, and combine into one ImportResult. */
import { type DetectedFormat, detectFormat } from "./detect.ts";
import { parseFacebookFriends } from "./facebook.ts";
import { parseGoogleCsv } from "./google-csv.ts";
import { combineLinkedIn, parseLinkedInConnections, parseLinkedInInvitations } from "./linkedin.ts";
import { type LinkedInOwner, parseLinkedInMessages } from "./linkedin-messages.ts";
import { parseMastodonFollows, parseMastodonLists } from "./mastodon.ts";
import { combineResults, ImportFormatError, type ImportResult } from "./model.ts";
import { decodeText } from "./text.ts";
import { parseTwitterArchive, type TwitterFile } from "./twitter.ts";
import { parseVCards } from "./vcard.ts";

export { type DetectedFormat, detectFormat } from "./detect.ts";
export * from "./model.ts";
export { toVCard4 } from "./vcard-write.ts";

export interface ImportFile {
  /** Name or path inside an archive; used in error messages. */
  name: string;
  data: Uint8Array;
}

export interface ParseImportOptions {
  /** The import time (from the caller's clock), given to undated facts such as follows. */
  asOf: Date;
  linkedInOwner?: LinkedInOwner;
  twitterOwnerId?: string;
  /** Per-file size limit in bytes. */
  maxBytes?: number;
  /** Archive mode: files in no supported format are listed in `skipped` instead of refused. */
  ignoreUnknown?: boolean;
}

/** Parses a set of files (one upload, or the entries of an archive) into one result. */
export function parseImportFiles(files: ImportFile[], opts: ParseImportOptions): ImportResult {
  const linkedIn: ImportResult[] = [];
  const others: ImportResult[] = [];
  const twitter: TwitterFile[] = [];
  const skipped: ImportResult["skipped"] = [];
  const decode = (f: ImportFile) =>
    decodeText(f.data, f.name, opts.maxBytes ? { maxBytes: opts.maxBytes } : {});
  for (const f of files) {
    let format: DetectedFormat;
    try {
      format = detectFormat(f.name, f.data.subarray(0, 64 * 1024), f.data.length <= 64 * 1024);
    } catch (e) {
      if (opts.ignoreUnknown && e instanceof ImportFormatError && e.code === "wrong_format") {
        skipped.push({ reason: "not_imported", ref: f.name });
        continue;
      }
      throw e;
    }
    switch (format) {
      case "zip":
        throw new ImportFormatError(
          "wrong_format",
          f.name,
          "a zip inside the upload: open it with the archive reader",
        );
      case "linkedin_connections":
        linkedIn.push(parseLinkedInConnections(decode(f), f.name));
        break;
      case "linkedin_invitations":
        linkedIn.push(parseLinkedInInvitations(decode(f), f.name));
        break;
      case "linkedin_messages":
        linkedIn.push(
          parseLinkedInMessages(decode(f), opts.linkedInOwner ? { owner: opts.linkedInOwner } : {}, f.name),
        );
        break;
      case "twitter_data":
        twitter.push({ name: f.name, text: decode(f) });
        break;
      case "facebook_friends":
        others.push(parseFacebookFriends(decode(f), f.name));
        break;
      case "vcard":
        others.push(parseVCards(decode(f), f.name));
        break;
      case "google_csv":
        others.push(parseGoogleCsv(decode(f), f.name));
        break;
      case "mastodon_follows":
        others.push(parseMastodonFollows(decode(f), { asOf: opts.asOf }, f.name));
        break;
      case "mastodon_lists":
        others.push(parseMastodonLists(decode(f), f.name));
        break;
    }
  }
  if (linkedIn.length > 0) others.unshift(combineLinkedIn(linkedIn));
  if (twitter.length > 0) {
    others.push(
      parseTwitterArchive(twitter, {
        asOf: opts.asOf,
        ...(opts.twitterOwnerId ? { ownerId: opts.twitterOwnerId } : {}),
      }),
    );
  }
  const result = combineResults(others);
  result.skipped.push(...skipped);
  return result;
}
