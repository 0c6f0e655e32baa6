/**
 * Reads what a person gave (an uploaded file, a zip, a file or folder on disk) into a sink (the staging
 * area), piece by piece. Big LinkedIn files (Connections.csv, messages.csv) are parsed as streams; the
 * other formats are small and read whole, under a per-file size limit. Detection decides by content, not by name.
 */
import { createReadStream } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Readable } from "node:stream";
import { forEachCsvRecord } from "../../domain/imports/csv.ts";
import {
  DETECT_HEAD_BYTES,
  type DetectedFormat,
  detectFormat,
  isImportCandidate,
} from "../../domain/imports/detect.ts";
import { parseFacebookFriends } from "../../domain/imports/facebook.ts";
import { parseGoogleCsv } from "../../domain/imports/google-csv.ts";
import { ConnectionsCollector, parseLinkedInInvitations } from "../../domain/imports/linkedin.ts";
import { MessagesCollector } from "../../domain/imports/linkedin-messages.ts";
import { parseMastodonFollows, parseMastodonLists } from "../../domain/imports/mastodon.ts";
import {
  type ImportedFact,
  type ImportedPerson,
  ImportFormatError,
  type ImportResult,
} from "../../domain/imports/model.ts";
import { DEFAULT_MAX_BYTES, decodeText, formatBytes } from "../../domain/imports/text.ts";
import { parseTwitterArchive, type TwitterFile } from "../../domain/imports/twitter.ts";
import { parseVCards } from "../../domain/imports/vcard.ts";
import { forEachZipEntry } from "./zip.ts";

export type ImportInput =
  | { kind: "bytes"; name: string; data: Uint8Array }
  | { kind: "files"; files: { name: string; data: Uint8Array }[] }
  | { kind: "path"; path: string };

export interface ReadOptions {
  asOf: Date;
  /** Per-file limit for the formats read whole. */
  maxFileBytes?: number;
  /** Called often with the share of the work done, 0..1. */
  onProgress?: (fraction: number) => void;
}

/**
 * Where the people and facts go as the files are read (the staging area): people first, then the
 * facts about them, in bounded pieces. A fact's person is always given before or with it.
 */
export interface ImportSink {
  add(people: ImportedPerson[], facts: ImportedFact[]): Promise<void>;
}

export interface ReadResult {
  /** Files that were imported. */
  files: string[];
  /** Files looked at and left out (not a format Liens imports). */
  ignoredFiles: string[];
  /** reason → count (deactivated profiles, drafts, unreadable rows…). */
  skipped: Record<string, number>;
  /** The first warnings of the parsers. */
  warnings: string[];
}

/** People handed to the sink at a time (at least; after a piece of input) while a big file streams. */
const CHUNK = 500;
/** People of messages.csv handed to the sink at a time, with their message days (several each). */
const MESSAGES_CHUNK = 100;
const MAX_WARNINGS = 50;

/** Files in a folder walk, at most. */
const MAX_FOLDER_FILES = 20_000;

/**
 * Hands each file's people and facts to the sink as they are read (the big LinkedIn files while they
 * stream); keeps only counts, the first warnings, and the small X/Twitter files, which are parsed
 * together at the end. People of one source id met in several files are joined by the sink, and so
 * are LinkedIn people known only by name (see stage.ts).
 */
class Collector {
  readonly twitter: TwitterFile[] = [];
  readonly files: string[] = [];
  readonly ignoredFiles: string[] = [];
  readonly skipped: Record<string, number> = {};
  readonly warnings: string[] = [];

  constructor(
    private readonly opts: ReadOptions,
    private readonly sink: ImportSink,
  ) {}

  /** Skipped items and warnings of a result, then its people and facts. */
  private async absorb(result: ImportResult): Promise<void> {
    for (const s of result.skipped) this.skipped[s.reason] = (this.skipped[s.reason] ?? 0) + 1;
    for (const w of result.warnings) if (this.warnings.length < MAX_WARNINGS) this.warnings.push(w);
    if (result.people.length > 0 || result.facts.length > 0) await this.sink.add(result.people, result.facts);
  }

  /** Reads one file from its stream; `archive`: a file of no supported format is ignored, not refused. */
  async add(name: string, stream: AsyncIterable<Uint8Array>, archive: boolean): Promise<void> {
    const iterator = stream[Symbol.asyncIterator]();
    const head: Uint8Array[] = [];
    let headBytes = 0;
    let ended = false;
    while (headBytes < DETECT_HEAD_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(next.value);
      headBytes += next.value.length;
    }
    const headBuffer = Buffer.concat(head);
    let format: DetectedFormat;
    try {
      format = detectFormat(name, headBuffer.subarray(0, DETECT_HEAD_BYTES), ended);
    } catch (e) {
      if (archive && e instanceof ImportFormatError && e.code === "wrong_format") {
        this.ignoredFiles.push(name);
        await drain(iterator);
        return;
      }
      throw e;
    }
    // LinkedIn's note lines before the header make every row look ragged to the CSV parser (an
    // error object per row, ignored but costly): the stream starts at the header instead.
    const start = format === "linkedin_connections" ? connectionsHeaderOffset(headBuffer) : 0;
    const rest = (async function* () {
      yield headBuffer.subarray(start);
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    })();
    if (format === "zip") {
      if (!archive) throw new ImportFormatError("wrong_format", name, "a zip inside a zip");
      this.ignoredFiles.push(name);
      await drain(rest);
      return;
    }
    this.files.push(name);
    if (format === "linkedin_connections") {
      const c = new ConnectionsCollector(name);
      await forEachCsvRecord(
        rest,
        name,
        (r) => c.add(r),
        async () => {
          if (c.result.people.length < CHUNK) return;
          const { people, facts } = c.take();
          await this.sink.add(people, facts);
        },
      );
      await this.absorb(c.finish());
      return;
    }
    if (format === "linkedin_messages") {
      const m = new MessagesCollector(name);
      await forEachCsvRecord(rest, name, (r) => m.add(r));
      for (const chunk of m.chunks({}, MESSAGES_CHUNK)) await this.sink.add(chunk.people, chunk.facts);
      await this.absorb(m.rest());
      return;
    }
    const text = decodeText(await collect(rest, name, this.maxBytes), name, { maxBytes: this.maxBytes });
    switch (format) {
      case "linkedin_invitations":
        await this.absorb(parseLinkedInInvitations(text, name));
        break;
      case "twitter_data":
        this.twitter.push({ name, text });
        break;
      case "facebook_friends":
        await this.absorb(parseFacebookFriends(text, name));
        break;
      case "vcard":
        await this.absorb(parseVCards(text, name));
        break;
      case "google_csv":
        await this.absorb(parseGoogleCsv(text, name));
        break;
      case "mastodon_follows":
        await this.absorb(parseMastodonFollows(text, { asOf: this.opts.asOf }, name));
        break;
      case "mastodon_lists":
        await this.absorb(parseMastodonLists(text, name));
        break;
    }
  }

  private get maxBytes(): number {
    return this.opts.maxFileBytes ?? DEFAULT_MAX_BYTES;
  }

  async finish(source: string): Promise<ReadResult> {
    if (this.files.length === 0) {
      throw new ImportFormatError(
        "wrong_format",
        source,
        "nothing in it is a format Liens can import (LinkedIn, X/Twitter, Facebook, vCard, Google or Mastodon export)",
      );
    }
    if (this.twitter.length > 0)
      await this.absorb(parseTwitterArchive(this.twitter, { asOf: this.opts.asOf }));
    return {
      files: this.files,
      ignoredFiles: this.ignoredFiles,
      skipped: this.skipped,
      warnings: this.warnings,
    };
  }
}

/** Byte offset of the line starting "First Name," (case-insensitive) in the head, or 0. */
function connectionsHeaderOffset(head: Buffer): number {
  const text = head.toString("latin1");
  const match = /(^|\n)(\uFEFF|\u00EF\u00BB\u00BF)?first name,/i.exec(text);
  return match ? match.index + (match[1] ?? "").length : 0;
}

async function drain(source: AsyncIterator<unknown> | AsyncIterable<unknown>): Promise<void> {
  const it = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source;
  for (;;) if ((await it.next()).done) return;
}

async function collect(source: AsyncIterable<Uint8Array>, name: string, max: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > max)
      throw new ImportFormatError("too_large", name, `the file is larger than ${formatBytes(max)}`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Counts the bytes flowing through, for progress within one file. */
async function* counting(source: AsyncIterable<Uint8Array>, onBytes: (n: number) => void) {
  for await (const chunk of source) {
    onBytes(chunk.length);
    yield chunk;
  }
}

function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

async function readZip(
  source: Buffer | string,
  name: string,
  collector: Collector,
  progress: (f: number) => void,
): Promise<void> {
  let base = 0;
  let count = 1;
  await forEachZipEntry(
    source,
    async (entry, stream: Readable) => {
      let read = 0;
      const size = Math.max(1, entry.size);
      await collector.add(
        entry.name,
        counting(stream, (n) => {
          read += n;
          progress((base + Math.min(1, read / size)) / count);
        }),
        true,
      );
    },
    {
      file: name,
      filter: isImportCandidate,
      onEntry: (index, total) => {
        base = index;
        count = Math.max(1, total);
        progress(index / count);
      },
    },
  );
}

async function walk(root: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile()) {
        out.push(path);
        if (out.length > MAX_FOLDER_FILES) {
          throw new ImportFormatError(
            "too_many_entries",
            root,
            `the folder has more than ${MAX_FOLDER_FILES} files`,
          );
        }
      }
    }
  };
  await visit(root);
  return out.sort();
}

/**
 * Reads an import input, handing its people and facts to `sink` as it goes; throws ImportFormatError
 * naming the file (what the sink received is then to be thrown away).
 */
export async function readImport(
  input: ImportInput,
  opts: ReadOptions,
  sink: ImportSink,
): Promise<ReadResult> {
  const progress = opts.onProgress ?? (() => {});
  const collector = new Collector(opts, sink);
  if (input.kind === "bytes" || input.kind === "files") {
    const files = input.kind === "bytes" ? [{ name: input.name, data: input.data }] : input.files;
    for (const [i, file] of files.entries()) {
      const part = (f: number) => progress((i + f) / files.length);
      if (isZip(file.data)) {
        await readZip(
          Buffer.from(file.data.buffer, file.data.byteOffset, file.data.length),
          file.name,
          collector,
          part,
        );
      } else {
        await collector.add(
          file.name,
          (async function* () {
            yield file.data;
          })(),
          false,
        );
      }
      part(1);
    }
    return await collector.finish(files.map((f) => f.name).join(", "));
  }
  const info = await stat(input.path);
  const name = input.path.split(/[\\/]/).pop() || input.path;
  if (info.isDirectory()) {
    const files = await walk(input.path);
    let done = 0;
    for (const path of files) {
      const rel = relative(input.path, path).split(sep).join("/");
      if (isImportCandidate(rel)) {
        const size = Math.max(1, (await stat(path)).size);
        let read = 0;
        await collector.add(
          rel,
          counting(createReadStream(path), (n) => {
            read += n;
            progress((done + Math.min(1, read / size)) / files.length);
          }),
          true,
        );
      }
      done++;
      progress(done / files.length);
    }
    return await collector.finish(name);
  }
  const handle = await open(input.path, "r");
  const head = Buffer.alloc(4);
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (isZip(head)) await readZip(input.path, name, collector, progress);
  else {
    let read = 0;
    const size = Math.max(1, info.size);
    await collector.add(
      name,
      counting(createReadStream(input.path), (n) => {
        read += n;
        progress(Math.min(1, read / size));
      }),
      false,
    );
  }
  progress(1);
  return await collector.finish(name);
}
