/**
 * X/Twitter archive: `data/*.js` files shaped `window.YTD.<name>.partN = [ ... ]`. Parsed as data —
 * the assignment prefix is stripped and the rest goes through JSON.parse; nothing is ever evaluated.
 */
import {
  emptyResult,
  type FactDirection,
  ImportFormatError,
  type ImportResult,
  newPerson,
  utcDay,
} from "./model.ts";

export interface TwitterFile {
  name: string;
  text: string;
}

export interface TwitterOptions {
  /** Date given to undated facts (follows): the import time, from the caller's clock. */
  asOf: Date;
  /** Owner's account id; read from account.js or inferred from DMs when absent. */
  ownerId?: string;
}

/** Which archive data set a file holds, from its `window.YTD.<name>` prefix. */
export function twitterDataName(text: string): string | undefined {
  return /^\s*window\.YTD\.([A-Za-z0-9_]+)\.part\d+\s*=/.exec(text.slice(0, 200))?.[1];
}

/** Strips `window.YTD.x.partN =` and JSON-parses the array. */
export function parseYtd(text: string, file: string): unknown[] {
  const m = /^\s*window\.YTD\.[A-Za-z0-9_]+\.part\d+\s*=\s*/.exec(text.slice(0, 200));
  if (!m)
    throw new ImportFormatError(
      "wrong_format",
      file,
      "not an X/Twitter archive data file (no window.YTD prefix)",
    );
  let body = text.slice(m[0].length).trimEnd();
  if (body.endsWith(";")) body = body.slice(0, -1);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    const code = body.trimStart().startsWith("[") && !body.endsWith("]") ? "truncated" : "wrong_format";
    throw new ImportFormatError(
      code,
      file,
      code === "truncated"
        ? "the data ends abruptly; the file looks cut short"
        : "the data is not valid JSON",
    );
  }
  if (!Array.isArray(data)) throw new ImportFormatError("wrong_format", file, "expected a list of items");
  return data;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

interface Known {
  screenName?: string;
  name?: string;
}

/** Parses every file of an archive together: identities come from tweets and DMs, ties from follows. */
export function parseTwitterArchive(files: TwitterFile[], opts: TwitterOptions): ImportResult {
  const result = emptyResult();
  const known = new Map<string, Known>();
  const learn = (id: string | undefined, screenName?: string, name?: string) => {
    if (!id || !/^\d+$/.test(id)) return;
    const k = known.get(id) ?? {};
    if (screenName && !k.screenName) k.screenName = screenName;
    if (name && !k.name) k.name = name;
    known.set(id, k);
  };
  const following = new Set<string>();
  const followers = new Set<string>();
  const dms: { sender: string; recipients: string[]; at: Date }[] = [];
  let ownerId = opts.ownerId;

  for (const f of files) {
    const kind = twitterDataName(f.text);
    if (!kind)
      throw new ImportFormatError(
        "wrong_format",
        f.name,
        "not an X/Twitter archive data file (no window.YTD prefix)",
      );
    const items = parseYtd(f.text, f.name);
    for (const item of items) {
      if (!isObj(item)) continue;
      if (kind === "account") {
        const a = isObj(item.account) ? item.account : {};
        ownerId ??= str(a.accountId);
      } else if (kind === "following" || kind === "follower") {
        const entry = isObj(item[kind]) ? (item[kind] as Obj) : {};
        const id = str(entry.accountId);
        if (id && /^\d+$/.test(id)) (kind === "following" ? following : followers).add(id);
        else result.skipped.push({ reason: "no_account_id", ref: f.name });
      } else if (kind === "tweets" || kind === "tweet") {
        const t = isObj(item.tweet) ? item.tweet : item;
        learn(str(t.in_reply_to_user_id_str), str(t.in_reply_to_screen_name));
        const entities = isObj(t.entities) ? t.entities : {};
        const mentions = Array.isArray(entities.user_mentions) ? entities.user_mentions : [];
        for (const m of mentions) if (isObj(m)) learn(str(m.id_str), str(m.screen_name), str(m.name));
      } else if (kind === "direct_messages" || kind === "direct_messages_group") {
        collectDms(item, kind === "direct_messages_group", dms, result.skipped, f.name);
      }
    }
  }

  ownerId ??= inferOwner(dms);
  const people = new Set<string>();
  const addFact = (id: string, kind: "follow" | "follower") => {
    people.add(id);
    result.facts.push({
      personKey: id,
      kind,
      direction: kind === "follow" ? "out" : "in",
      occurredAt: opts.asOf,
      undated: true,
    });
  };
  for (const id of following) addFact(id, "follow");
  for (const id of followers) addFact(id, "follower");

  const perDay = new Map<string, FactDirection>();
  for (const dm of dms) {
    const day = utcDay(dm.at);
    const add = (id: string, dir: FactDirection) => {
      const k = `${id}\t${day}`;
      const prev = perDay.get(k);
      perDay.set(k, prev && prev !== dir ? "both" : dir);
    };
    if (dm.sender === ownerId) for (const r of dm.recipients) if (r !== ownerId) add(r, "out");
    if (dm.sender !== ownerId && (dm.recipients.length === 0 || dm.recipients.includes(ownerId ?? "")))
      add(dm.sender, "in");
  }
  for (const [k, direction] of perDay) {
    const [id, day] = k.split("\t") as [string, string];
    people.add(id);
    result.facts.push({ personKey: id, kind: "dm_day", direction, occurredAt: new Date(`${day}T00:00:00Z`) });
  }

  let unnamed = 0;
  for (const id of people) {
    const k = known.get(id) ?? {};
    const label = k.name ?? (k.screenName ? `@${k.screenName}` : `X account ${id}`);
    if (!k.name && !k.screenName) unnamed++;
    const p = newPerson("twitter", id, label);
    p.urls.push(
      k.screenName ? `https://x.com/${k.screenName}` : `https://twitter.com/intent/user?user_id=${id}`,
    );
    result.people.push(p);
  }
  if (unnamed > 0)
    result.warnings.push(`${unnamed} X account(s) appear only by number: the archive holds no name for them`);
  if (dms.length > 0 && !ownerId)
    result.warnings.push("could not tell which account is yours; direct messages ignored");
  return result;
}

function collectDms(
  item: Obj,
  group: boolean,
  out: { sender: string; recipients: string[]; at: Date }[],
  skipped: ImportResult["skipped"],
  file: string,
): void {
  const conv = isObj(item.dmConversation) ? item.dmConversation : {};
  const messages = Array.isArray(conv.messages) ? conv.messages : [];
  const convId = str(conv.conversationId) ?? "";
  const members = new Set<string>(group ? [] : convId.split("-").filter((x) => /^\d+$/.test(x)));
  const parsed: { sender: string; recipient?: string; at: Date }[] = [];
  for (const m of messages) {
    if (!isObj(m)) continue;
    const joined = isObj(m.joinConversation)
      ? m.joinConversation
      : isObj(m.participantsJoin)
        ? m.participantsJoin
        : undefined;
    if (joined) {
      for (const id of Array.isArray(joined.participantsSnapshot) ? joined.participantsSnapshot : [])
        if (str(id)) members.add(id as string);
      for (const id of Array.isArray(joined.userIds) ? joined.userIds : [])
        if (str(id)) members.add(id as string);
      continue;
    }
    const mc = isObj(m.messageCreate) ? m.messageCreate : undefined;
    if (!mc) continue;
    const sender = str(mc.senderId);
    const at = str(mc.createdAt) ? new Date(mc.createdAt as string) : undefined;
    if (!sender || !at || Number.isNaN(at.getTime())) {
      skipped.push({ reason: "bad_message", ref: file });
      continue;
    }
    members.add(sender);
    const recipient = str(mc.recipientId);
    if (recipient) members.add(recipient);
    parsed.push({ sender, ...(recipient ? { recipient } : {}), at });
  }
  for (const p of parsed) {
    const recipients = p.recipient ? [p.recipient] : [...members].filter((id) => id !== p.sender);
    out.push({ sender: p.sender, recipients, at: p.at });
  }
}

/** The owner takes part in every conversation: the id seen in the most messages. */
function inferOwner(dms: { sender: string; recipients: string[] }[]): string | undefined {
  const count = new Map<string, number>();
  for (const d of dms)
    for (const id of new Set([d.sender, ...d.recipients])) count.set(id, (count.get(id) ?? 0) + 1);
  let best: string | undefined;
  for (const [id, n] of count) if (best === undefined || n > (count.get(best) ?? 0)) best = id;
  return best;
}
