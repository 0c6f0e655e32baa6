/**
 * LinkedIn messages.csv → one `dm_day` fact per person and UTC day, with direction. Works as a stream:
 * memory grows with distinct (day, sender, recipient) triples, not with the number of messages.
 */
import {
  type ByteSource,
  type CsvRecord,
  cell,
  headerIndex,
  parseCsvRecords,
  parseExportDate,
  streamCsvRecords,
} from "./csv.ts";
import { linkedInKey } from "./linkedin.ts";
import {
  emptyResult,
  type FactDirection,
  ImportFormatError,
  type ImportResult,
  newPerson,
  utcDay,
} from "./model.ts";
import { assertLineLengths } from "./text.ts";

export interface LinkedInOwner {
  name?: string;
  profileUrl?: string;
}

export interface LinkedInMessagesOptions {
  /** The account owner; inferred as the most frequent participant when absent. */
  owner?: LinkedInOwner;
}

interface Participant {
  name: string;
  url: string;
  count: number;
}

class MessagesCollector {
  private cols: Map<string, number> | undefined;
  private readonly participants = new Map<string, Participant>();
  private readonly pairs = new Set<string>();
  private readonly result = emptyResult();
  private messages = 0;

  constructor(private readonly file: string) {}

  add({ row, line }: CsvRecord): void {
    if (!this.cols) {
      const lower = row.map((h) => h.trim().toLowerCase());
      if (
        !(
          lower.includes("from") &&
          lower.includes("to") &&
          lower.includes("date") &&
          lower.includes("conversation id")
        )
      ) {
        throw new ImportFormatError(
          "wrong_format",
          this.file,
          "no “CONVERSATION ID,…,FROM,…,TO,…,DATE” header: not LinkedIn's messages.csv",
        );
      }
      this.cols = headerIndex(row);
      return;
    }
    const cols = this.cols;
    const folder = cell(row, cols, "folder").toUpperCase();
    if (folder === "DRAFT" || /^true$/i.test(cell(row, cols, "is message draft"))) {
      this.result.skipped.push({ reason: "draft", line });
      return;
    }
    const at = parseExportDate(cell(row, cols, "date"));
    if (!at) {
      this.result.skipped.push({ reason: "bad_date", line });
      return;
    }
    const from = this.participant(cell(row, cols, "from"), cell(row, cols, "sender profile url"));
    const urls = splitList(cell(row, cols, "recipient profile urls"));
    const names = splitList(cell(row, cols, "to"));
    const recipients: string[] = [];
    const n = Math.max(urls.length, urls.length === 0 ? names.length : 0);
    for (let i = 0; i < n; i++) {
      const name = urls.length === names.length || urls.length === 0 ? (names[i] ?? "") : "";
      const key = this.participant(name, urls[i] ?? "");
      if (key) recipients.push(key);
    }
    if (!from || recipients.length === 0) {
      this.result.skipped.push({ reason: "no_participants", line });
      return;
    }
    this.messages++;
    const day = utcDay(at);
    for (const to of recipients) if (to !== from) this.pairs.add(`${day}\t${from}\t${to}`);
  }

  private participant(name: string, url: string): string | undefined {
    if (!name && !url) return undefined;
    const key = linkedInKey(url, name);
    const p = this.participants.get(key);
    if (p) {
      p.count++;
      if (!p.name && name) p.name = name;
    } else this.participants.set(key, { name, url, count: 1 });
    return key;
  }

  finish(opts: LinkedInMessagesOptions): ImportResult {
    if (!this.cols) throw new ImportFormatError("wrong_format", this.file, "the file is empty");
    const result = this.result;
    const ownerKey = this.ownerKey(opts.owner);
    if (!ownerKey) return result;
    const perDay = new Map<string, FactDirection>();
    for (const pair of this.pairs) {
      const [day, from, to] = pair.split("\t") as [string, string, string];
      let other: string;
      let dir: FactDirection;
      if (from === ownerKey) [other, dir] = [to, "out"];
      else if (to === ownerKey) [other, dir] = [from, "in"];
      else continue;
      const k = `${other}\t${day}`;
      const prev = perDay.get(k);
      perDay.set(k, prev && prev !== dir ? "both" : dir);
    }
    const people = new Set<string>();
    for (const [k, direction] of perDay) {
      const [personKey, day] = k.split("\t") as [string, string];
      people.add(personKey);
      result.facts.push({ personKey, kind: "dm_day", direction, occurredAt: new Date(`${day}T00:00:00Z`) });
    }
    for (const key of people) {
      const p = this.participants.get(key);
      if (!p) continue;
      const person = newPerson("linkedin", key, p.name || p.url);
      if (p.url) person.urls.push(p.url);
      result.people.push(person);
    }
    return result;
  }

  private ownerKey(owner: LinkedInOwner | undefined): string | undefined {
    if (owner?.profileUrl || owner?.name) {
      const key = linkedInKey(owner.profileUrl ?? "", owner.name ?? "");
      if (!this.participants.has(key))
        this.result.warnings.push(`${this.file}: the given owner never appears in the messages`);
      return key;
    }
    let best: [string, Participant] | undefined;
    for (const entry of this.participants) if (!best || entry[1].count > best[1].count) best = entry;
    if (!best) return undefined;
    this.result.warnings.push(
      `${this.file}: account owner inferred as “${best[1].name || best[1].url}” (${this.messages} messages)`,
    );
    return best[0];
  }
}

/** Splits LinkedIn's comma-separated name/URL lists ("a,b" or "a, b"). */
function splitList(s: string): string[] {
  return s
    ? s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
}

export function parseLinkedInMessages(
  text: string,
  opts: LinkedInMessagesOptions = {},
  file = "messages.csv",
): ImportResult {
  assertLineLengths(text, file);
  const c = new MessagesCollector(file);
  for (const r of parseCsvRecords(text, file)) c.add(r);
  return c.finish(opts);
}

/** Streaming variant: feed a Readable (or any async iterable of bytes); the file is never held whole. */
export async function streamLinkedInMessages(
  source: ByteSource,
  opts: LinkedInMessagesOptions = {},
  file = "messages.csv",
): Promise<ImportResult> {
  const c = new MessagesCollector(file);
  for await (const r of streamCsvRecords(source, file)) c.add(r);
  return c.finish(opts);
}
