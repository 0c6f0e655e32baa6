/**
 * Facebook "Download Your Information" JSON: the friends list, from any of its historical locations
 * (`connections/friends/your_friends.json` → `friends_v2`, `friends_and_followers/friends.json` →
 * `friends_v2` or `friends`, `friends/friends.json` → `friends`). Mojibake is repaired on every string.
 */
import { fromUnixSeconds } from "./csv.ts";
import { emptyResult, ImportFormatError, type ImportResult, newPerson } from "./model.ts";
import { normalizeName, repairJson } from "./text.ts";

/** Paths (inside the archive) where a friends list has lived. */
export const FACEBOOK_FRIENDS_PATHS = [
  /(^|\/)connections\/friends\/your_friends\.json$/,
  /(^|\/)friends_and_followers\/friends\.json$/,
  /(^|\/)friends\/friends\.json$/,
  /(^|\/)your_friends\.json$/,
];

const FRIEND_KEYS = ["friends_v2", "friends"] as const;

export function isFacebookFriendsPath(path: string): boolean {
  return FACEBOOK_FRIENDS_PATHS.some((re) => re.test(path.replace(/\\/g, "/")));
}

function friendsArray(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (typeof data !== "object" || data === null) return undefined;
  const obj = data as Record<string, unknown>;
  for (const k of FRIEND_KEYS) {
    const v = obj[k];
    if (Array.isArray(v)) return v;
  }
  return undefined;
}

export function parseFacebookFriends(text: string, file = "your_friends.json"): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const t = text.trim();
    const truncated = t.startsWith("{") && !t.endsWith("}");
    throw new ImportFormatError(
      truncated ? "truncated" : "wrong_format",
      file,
      truncated ? "the JSON ends abruptly; the file looks cut short" : "not valid JSON",
    );
  }
  const list = friendsArray(raw);
  if (!list) {
    throw new ImportFormatError(
      "wrong_format",
      file,
      "no “friends_v2” or “friends” list: this is not a Facebook friends file",
    );
  }
  const result = emptyResult();
  const counts = new Map<string, number>();
  list.forEach((item, i) => {
    const f = repairJson(item);
    if (typeof f !== "object" || f === null) {
      result.skipped.push({ reason: "not_a_friend", ref: `#${i + 1}` });
      return;
    }
    const obj = f as Record<string, unknown>;
    const name = typeof obj.name === "string" ? obj.name.trim() : "";
    if (!name) {
      result.skipped.push({ reason: "no_name", ref: `#${i + 1}` });
      return;
    }
    const at = fromUnixSeconds(obj.timestamp);
    // Names are not unique; the friendship time tells namesakes apart and is stable across exports.
    const base = `fb:${normalizeName(name)}|${typeof obj.timestamp === "number" ? obj.timestamp : ""}`;
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    const key = n === 1 ? base : `${base}#${n}`;
    const p = newPerson("facebook", key, name);
    const email =
      typeof obj.contact_info === "string" && obj.contact_info.includes("@") ? obj.contact_info : "";
    if (email) p.emails.push(email);
    if (at) {
      p.connectedAt = at;
      result.facts.push({ personKey: key, kind: "friendship", direction: "both", occurredAt: at });
    }
    result.people.push(p);
  });
  return result;
}
