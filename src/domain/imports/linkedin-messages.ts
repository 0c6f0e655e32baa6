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

interface Participant {
  key: string;
  name: string;
  url: string;
  count: number;
}

/** Direction bits of one (person, day): 1 the owner wrote, 2 the person wrote. */
const OUT = 1;
const IN = 2;
/** A sender/recipient pair as one number: participants are numbered, at most 2^26 of them. */
const PAIR = 2 ** 26;

/** Bounded pieces of a result, to be written as they come (people, then the facts about them). */
export interface ResultChunk {
  people: ImportedPerson[];
  facts: ImportedFact[];
}

/**
 * Reads the rows of messages.csv; memory grows with distinct (sender, recipient, day) triples, kept as
 * numbers (participants are numbered), not with the number of messages.
 */
export class MessagesCollector {
  private cols: Map<string, number> | undefined;
  private readonly index = new Map<string, number>();
  private readonly participants: Participant[] = [];
  /** (from × 2^26 + to) → UTC day numbers. */
  private readonly pairs = new Map<number, Set<number>>();
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
    for (const to of recipients) {
      if (to === from) continue;
      const pair = from * PAIR + to;
      let days = this.pairs.get(pair);
      if (!days) {
        days = new Set();
        this.pairs.set(pair, days);
      }
      days.add(day);
    }
  }

  private participant(name: string, url: string): number | undefined {
    if (!name && !url) return undefined;
    const key = linkedInKey(url, name);
    const at = this.index.get(key);
    if (at !== undefined) {
      const p = this.participants[at];
      if (p) {
        p.count++;
        if (!p.name && name) p.name = name;
      }
      return at;
    }
    if (this.participants.length >= PAIR) {
      throw new ImportFormatError("too_large", this.file, "too many different people in the messages");
    }
    this.index.set(key, this.participants.length);
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
    // other participant → day → direction bits
    const perOther = new Map<number, Map<number, number>>();
    const mark = (other: number, days: Set<number>, bit: number) => {
      let m = perOther.get(other);
      if (!m) {
        m = new Map();
        perOther.set(other, m);
      }
      for (const d of days) m.set(d, (m.get(d) ?? 0) | bit);
    };
    for (const [pair, days] of this.pairs) {
      const from = Math.floor(pair / PAIR);
      const to = pair - from * PAIR;
      if (from === owner) mark(to, days, OUT);
      else if (to === owner) mark(from, days, IN);
    }
    this.pairs.clear();
    let chunk: ResultChunk = { people: [], facts: [] };
    for (const [other, days] of perOther) {
      const p = this.participants[other];
      if (!p) continue;
      for (const [day, bits] of days) {
        const direction: FactDirection = bits === (OUT | IN) ? "both" : bits === OUT ? "out" : "in";
        chunk.facts.push({
          personKey: p.key,
          kind: "dm_day",
          direction,
          occurredAt: new Date(day * 86_400_000),
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
