/**
 * LinkedIn messages.csv → one `dm_day` fact per person and UTC day, with direction. Works as a stream:
 * each message is kept as three integers (sender, recipient, day: 12 bytes), never as text.
 */
import {
  type ByteSource,
  type CsvRecord,
  forEachCsvRecord,
  headerIndex,
  parseCsvRecords,
  parseExportDate,
} from "./csv.ts";
import { linkedInKey } from "./linkedin.ts";
import {
  emptyResult,
  type FactDirection,
  type ImportedFact,
  type ImportedPerson,
  ImportFormatError,
  type ImportResult,
  newPerson,
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

interface Columns {
  folder: number | undefined;
  draft: number | undefined;
  date: number | undefined;
  from: number | undefined;
  sender: number | undefined;
  to: number | undefined;
  recipients: number | undefined;
}

interface Participant {
  key: string;
  name: string;
  url: string;
  count: number;
}

/** Direction bits of one (person, day): 1 the owner wrote, 2 the person wrote. */
const OUT = 1;
const IN = 2;
/** Participants are numbered, at most 2^26 of them; as many (message, recipient) entries. */
const MAX = 2 ** 26;

/** A growable list of 32-bit integers. */
class IntLog {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  at(i: number): number {
    return this.data[i] ?? 0;
  }
}

/** Bounded pieces of a result, to be written as they come (people, then the facts about them). */
export interface ResultChunk {
  people: ImportedPerson[];
  facts: ImportedFact[];
}

/**
 * Reads the rows of messages.csv; keeps the participants once each, and each (message, recipient) as
 * three integers in typed arrays.
 */
export class MessagesCollector {
  /** Column indexes, once the header is read. */
  private cols: Columns | undefined;
  private readonly index = new Map<string, number>();
  /** Profile URLs as written in the file → participant (saves parsing the same URL again). */
  private readonly byUrl = new Map<string, number>();
  private readonly participants: Participant[] = [];
  /** One entry per message and recipient: sender, recipient (participant numbers), UTC day number. */
  private log = { from: new IntLog(), to: new IntLog(), day: new IntLog() };
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
      const index = headerIndex(row);
      this.cols = {
        folder: index.get("folder"),
        draft: index.get("is message draft"),
        date: index.get("date"),
        from: index.get("from"),
        sender: index.get("sender profile url"),
        to: index.get("to"),
        recipients: index.get("recipient profile urls"),
      };
      return;
    }
    const cols = this.cols;
    const value = (i: number | undefined) => (i === undefined ? "" : (row[i] ?? "").trim());
    const folder = value(cols.folder);
    if ((folder.length === 5 && folder.toUpperCase() === "DRAFT") || /^true$/i.test(value(cols.draft))) {
      this.result.skipped.push({ reason: "draft", line });
      return;
    }
    const at = parseExportDate(value(cols.date));
    if (!at) {
      this.result.skipped.push({ reason: "bad_date", line });
      return;
    }
    const from = this.participant(value(cols.from), value(cols.sender));
    const urls = splitList(value(cols.recipients));
    const names = splitList(value(cols.to));
    const recipients: number[] = [];
    const n = Math.max(urls.length, urls.length === 0 ? names.length : 0);
    for (let i = 0; i < n; i++) {
      const name = urls.length === names.length || urls.length === 0 ? (names[i] ?? "") : "";
      const key = this.participant(name, urls[i] ?? "");
      if (key !== undefined) recipients.push(key);
    }
    if (from === undefined || recipients.length === 0) {
      this.result.skipped.push({ reason: "no_participants", line });
      return;
    }
    this.messages++;
    const day = Math.floor(at.getTime() / 86_400_000);
    const log = this.log;
    for (const to of recipients) {
      if (to === from) continue;
      // A conversation's messages of one day usually follow each other: one entry for them all.
      const last = log.day.length - 1;
      if (last >= 0 && log.day.at(last) === day && log.from.at(last) === from && log.to.at(last) === to)
        continue;
      if (log.day.length >= MAX) throw new ImportFormatError("too_large", this.file, "too many messages");
      log.from.push(from);
      log.to.push(to);
      log.day.push(day);
    }
  }

  private participant(name: string, url: string): number | undefined {
    if (!name && !url) return undefined;
    // With a URL the key depends on the URL only.
    const known = url ? this.byUrl.get(url) : undefined;
    const key = known === undefined ? linkedInKey(url, name) : "";
    const at = known ?? this.index.get(key);
    if (url && known === undefined && at !== undefined) this.byUrl.set(url, at);
    if (at !== undefined) {
      const p = this.participants[at];
      if (p) {
        p.count++;
        if (!p.name && name) p.name = name;
      }
      return at;
    }
    if (this.participants.length >= MAX) {
      throw new ImportFormatError("too_large", this.file, "too many different people in the messages");
    }
    this.index.set(key, this.participants.length);
    if (url) this.byUrl.set(url, this.participants.length);
    this.participants.push({ key, name, url, count: 1 });
    return this.participants.length - 1;
  }

  /** Skipped rows and warnings; call after `chunks` has been consumed. */
  rest(): ImportResult {
    return this.result;
  }

  /**
   * The facts and people, `size` people at a time: one `dm_day` per person and UTC day, "both" when
   * both wrote that day. Each person comes in the same chunk as their facts.
   */
  *chunks(opts: LinkedInMessagesOptions, size = 500): Generator<ResultChunk> {
    if (!this.cols) throw new ImportFormatError("wrong_format", this.file, "the file is empty");
    const owner = this.ownerIndex(opts.owner);
    if (owner === undefined) return;
    const { from, to, day } = this.log;
    this.log = { from: new IntLog(), to: new IntLog(), day: new IntLog() };
    // People in the order of their first exchange with the owner; the entries of each, in file order.
    const n = day.length;
    const order = new Int32Array(this.participants.length + 1).fill(-1);
    const people: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < n; i++) {
      const f = from.at(i);
      const t = to.at(i);
      if (f !== owner && t !== owner) continue;
      const other = f === owner ? t : f;
      let o = order[other] ?? -1;
      if (o === -1) {
        o = people.length;
        order[other] = o;
        people.push(other);
        counts.push(0);
      }
      counts[o] = (counts[o] ?? 0) + 1;
    }
    const start = new Int32Array(people.length + 1);
    for (let o = 0; o < people.length; o++) start[o + 1] = (start[o] ?? 0) + (counts[o] ?? 0);
    const next = start.slice(0, people.length);
    const entries = new Int32Array(start[people.length] ?? 0);
    for (let i = 0; i < n; i++) {
      const f = from.at(i);
      const t = to.at(i);
      if (f !== owner && t !== owner) continue;
      const o = order[f === owner ? t : f] ?? 0;
      entries[next[o] ?? 0] = i;
      next[o] = (next[o] ?? 0) + 1;
    }
    let chunk: ResultChunk = { people: [], facts: [] };
    for (let o = 0; o < people.length; o++) {
      const p = this.participants[people[o] ?? -1];
      const first = start[o] ?? 0;
      const end = start[o + 1] ?? 0;
      if (!p) continue;
      // day → direction bits: the days written the way of the first exchange, then the other way.
      const bitOf = (i: number) => (from.at(i) === owner ? OUT : IN);
      const firstBit = bitOf(entries[first] ?? 0);
      const days = new Map<number, number>();
      for (const way of [firstBit, firstBit === OUT ? IN : OUT]) {
        for (let e = first; e < end; e++) {
          const i = entries[e] ?? 0;
          if (bitOf(i) !== way) continue;
          const d = day.at(i);
          days.set(d, (days.get(d) ?? 0) | way);
        }
      }
      for (const [d, bits] of days) {
        const direction: FactDirection = bits === (OUT | IN) ? "both" : bits === OUT ? "out" : "in";
        chunk.facts.push({
          personKey: p.key,
          kind: "dm_day",
          direction,
          occurredAt: new Date(d * 86_400_000),
        });
      }
      const person = newPerson("linkedin", p.key, p.name || p.url);
      if (p.url) person.urls.push(p.url);
      chunk.people.push(person);
      if (chunk.people.length >= size) {
        yield chunk;
        chunk = { people: [], facts: [] };
      }
    }
    if (chunk.people.length > 0) yield chunk;
  }

  finish(opts: LinkedInMessagesOptions): ImportResult {
    const all = emptyResult();
    for (const c of this.chunks(opts)) {
      for (const p of c.people) all.people.push(p);
      for (const f of c.facts) all.facts.push(f);
    }
    return { ...this.rest(), people: all.people, facts: all.facts };
  }

  private ownerIndex(owner: LinkedInOwner | undefined): number | undefined {
    if (owner?.profileUrl || owner?.name) {
      const key = linkedInKey(owner.profileUrl ?? "", owner.name ?? "");
      const at = this.index.get(key);
      if (at === undefined) {
        this.result.warnings.push(`${this.file}: the given owner never appears in the messages`);
        // Register the owner so that facts never point at them; nothing pairs with a new number.
        return this.participants.length;
      }
      return at;
    }
    let best: number | undefined;
    this.participants.forEach((p, i) => {
      if (best === undefined || p.count > (this.participants[best]?.count ?? 0)) best = i;
    });
    const p = best === undefined ? undefined : this.participants[best];
    if (!p) return undefined;
    this.result.warnings.push(
      `${this.file}: account owner inferred as “${p.name || p.url}” (${this.messages} messages)`,
    );
    return best;
  }
}

/** Splits LinkedIn's comma-separated name/URL lists ("a,b" or "a, b"); `s` is trimmed. */
function splitList(s: string): string[] {
  if (!s.includes(",")) return s ? [s] : [];
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
  await forEachCsvRecord(source, file, (r) => c.add(r));
  return c.finish(opts);
}
