/** Shared CSV and date helpers for the CSV-based formats. */
import { Parser } from "csv-parse";
import { CsvError, parse } from "csv-parse/sync";
import { ImportFormatError } from "./model.ts";
import { MAX_LINE_LENGTH } from "./text.ts";

export const CSV_OPTIONS = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  bom: true,
  max_record_size: MAX_LINE_LENGTH,
} as const;

export interface CsvRecord {
  row: string[];
  /** 1-based line where the record starts. */
  line: number;
}

/** Something that yields the bytes (or text) of a file: a Node Readable, a web stream, a generator. */
export type ByteSource = AsyncIterable<Uint8Array | string>;

/** Parses CSV text into rows of strings; malformed input becomes an ImportFormatError naming the file. */
export function parseCsvRows(text: string, file: string): string[][] {
  return parseCsvRecords(text, file).map((r) => r.row);
}

export function parseCsvRecords(text: string, file: string): CsvRecord[] {
  try {
    const out = parse(text, { ...CSV_OPTIONS, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return out.map((r) => ({ row: r.record, line: r.info.lines }));
  } catch (e) {
    throw csvError(e, file);
  }
}

/**
 * The stream parser, handing each record to a callback as soon as it is parsed (instead of queueing
 * it in the stream with an info object of a dozen fields): a record dies young unless its reader
 * keeps it. The line is the parser's count when the record ends, as with the `info` option.
 */
class CallbackParser extends Parser {
  failure: unknown;

  constructor(private readonly onRecord: (record: CsvRecord) => void) {
    super(CSV_OPTIONS);
  }

  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (record === null) return super.push(null, encoding);
    if (this.failure !== undefined) return false;
    try {
      this.onRecord({ row: record as string[], line: this.info.lines });
    } catch (e) {
      this.failure = e;
    }
    return true;
  }
}

/**
 * Streams CSV records from bytes without holding the file in memory: `onRecord` gets each record as
 * it is parsed, and `afterChunk` (awaited) runs after each piece of input, for the caller to write
 * what it collected. Bytes must be UTF-8 (a BOM is dropped); invalid bytes → `bad_encoding`, an
 * oversized row → `line_too_long`; an error thrown by `onRecord` stops the parse and is rethrown.
 */
export async function forEachCsvRecord(
  source: ByteSource,
  file: string,
  onRecord: (record: CsvRecord) => void,
  afterChunk: () => Promise<void> | void = () => {},
): Promise<void> {
  const parser = new CallbackParser(onRecord);
  // Errors are read from `errored` right after each write (the event comes a tick later).
  parser.on("error", () => {});
  const check = () => {
    if (parser.failure !== undefined) throw parser.failure;
    if (parser.errored) throw csvError(parser.errored, file);
  };
  try {
    for await (const chunk of validated(source, file)) {
      parser.write(chunk);
      check();
      await afterChunk();
    }
    await new Promise<void>((resolve) => {
      parser.once("finish", resolve);
      parser.once("error", () => resolve());
      parser.end();
    });
    check();
    await afterChunk();
  } finally {
    parser.destroy();
  }
}

/** The chunks as they are, once checked to be UTF-8 (split characters included). */
async function* validated(source: ByteSource, file: string): AsyncGenerator<Uint8Array | string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of source) {
      if (typeof chunk !== "string") decoder.decode(chunk, { stream: true });
      yield chunk;
    }
    decoder.decode();
  } catch (e) {
    if (e instanceof TypeError) {
      throw new ImportFormatError(
        "bad_encoding",
        file,
        "the file is not valid UTF-8 text; re-export it as UTF-8",
      );
    }
    throw e;
  }
}

export function csvError(e: unknown, file: string): unknown {
  if (e instanceof ImportFormatError) return e;
  if (!(e instanceof CsvError)) return e;
  if (e.code === "CSV_QUOTE_NOT_CLOSED") {
    return new ImportFormatError(
      "truncated",
      file,
      "the file ends inside a quoted field; it looks cut short",
    );
  }
  if (e.code === "CSV_MAX_RECORD_SIZE") {
    return new ImportFormatError(
      "line_too_long",
      file,
      "a row is larger than 1 MB; this is not a normal export",
    );
  }
  return new ImportFormatError("wrong_format", file, `the file is not readable as CSV (${e.code})`);
}

/** Index of the first line whose start matches `header` (case-insensitive), skipping note lines. */
export function findHeaderLine(text: string, header: RegExp, maxLines = 50): number {
  let start = 0;
  for (let n = 0; n < maxLines && start <= text.length; n++) {
    const nl = text.indexOf("\n", start);
    const line = text.slice(start, nl === -1 ? text.length : nl).replace(/^\uFEFF/, "");
    if (header.test(line)) return start;
    if (nl === -1) break;
    start = nl + 1;
  }
  return -1;
}

/** Maps header names (trimmed, lower-cased) to column indexes. */
export function headerIndex(header: string[]): Map<string, number> {
  const m = new Map<string, number>();
  header.forEach((h, i) => {
    const key = h.trim().toLowerCase();
    if (!m.has(key)) m.set(key, i);
  });
  return m;
}

export function cell(row: string[], cols: Map<string, number>, name: string): string {
  const i = cols.get(name);
  return i === undefined ? "" : (row[i] ?? "").trim();
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCDate() === d ? date : undefined;
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? 2000 + n : n;
}

/**
 * Parses the date shapes found in exports, as UTC: `03 Feb 2024`, `2024-02-03[ T]10:15:30[ UTC|Z]`,
 * `2/3/24, 10:15 AM` (US month first), `Sat Feb 03 10:15:30 +0000 2024`. Undefined when unrecognized.
 */
export function parseExportDate(raw: string): Date | undefined {
  const s = raw.trim();
  let m = /^(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -](\d{4})$/.exec(s);
  if (m) {
    const mo = MONTHS[(m[2] ?? "").toLowerCase()];
    return mo ? utc(Number(m[3]), mo, Number(m[1])) : undefined;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(?:Z|UTC|\+00:?00)?$/i.exec(
    s,
  );
  if (m) return utc(+(m[1] ?? 0), +(m[2] ?? 0), +(m[3] ?? 0), +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i.exec(s);
  if (m) {
    let h = +(m[4] ?? 0);
    const ampm = (m[7] ?? "").toUpperCase();
    if (ampm === "PM" && h < 12) h += 12;
    if (ampm === "AM" && h === 12) h = 0;
    return utc(fullYear(m[3] ?? ""), +(m[1] ?? 0), +(m[2] ?? 0), h, +(m[5] ?? 0), +(m[6] ?? 0));
  }
  m = /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) \+0000 (\d{4})$/.exec(s);
  if (m) {
    const mo = MONTHS[(m[1] ?? "").toLowerCase()];
    return mo ? utc(+(m[6] ?? 0), mo, +(m[2] ?? 0), +(m[3] ?? 0), +(m[4] ?? 0), +(m[5] ?? 0)) : undefined;
  }
  return undefined;
}

/** Unix seconds (Facebook) → Date, or undefined when absent or absurd. */
export function fromUnixSeconds(v: unknown): Date | undefined {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0 || v > 1e11) return undefined;
  return new Date(Math.round(v * 1000));
}
