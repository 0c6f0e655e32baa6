/**
 * Safe zip reading for uploaded exports (yauzl): refuses path traversal and absolute entries, caps the
 * number of entries, the total uncompressed size and the compression ratio (zip bombs), and reports a
 * truncated or damaged archive clearly. Works on a Buffer or a file path.
 */

import type { Readable } from "node:stream";
import { Transform, type TransformCallback } from "node:stream";
import yauzl from "yauzl";
import { ImportFormatError } from "../../domain/imports/model.ts";

export interface ZipLimits {
  /** Entries in the central directory, directories included. */
  maxEntries: number;
  /** Sum of the uncompressed sizes of the entries read. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio accepted for an entry bigger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipEntryInfo {
  name: string;
  size: number;
  compressedSize: number;
}

export interface ZipReadOptions {
  limits?: Partial<ZipLimits>;
  /** Only entries for which this returns true are read (and counted against the size limits). */
  filter?: (name: string) => boolean;
  /** Name of the archive, for error messages. */
  file?: string;
  /** Called before each entry of the central directory (filtered or not): its index and the count. */
  onEntry?: (index: number, count: number) => void;
}

export interface ZipEntryData {
  name: string;
  data: Buffer;
}

function mapError(e: unknown, file: string): unknown {
  if (e instanceof ImportFormatError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/absolute path|invalid relative path|invalid characters in fileName/i.test(msg)) {
    const entry = msg.split(": ").slice(1).join(": ");
    return new ImportFormatError(
      "unsafe_path",
      file,
      `the archive has an entry outside its folder (${entry}); refused`,
    );
  }
  if (/encrypt/i.test(msg)) return new ImportFormatError("wrong_format", file, "the archive is encrypted");
  if (/unsupported compression method/i.test(msg)) {
    return new ImportFormatError("wrong_format", file, "the archive uses an unsupported compression method");
  }
  if (/end of central directory record signature not found/i.test(msg)) {
    return new ImportFormatError(
      "truncated",
      file,
      "this is not a zip archive, or the download was cut short",
    );
  }
  return new ImportFormatError("truncated", file, "the archive is damaged or incomplete; download it again");
}

/** Counts bytes as they flow and stops the stream when the running total passes the limit. */
class ByteBudget extends Transform {
  constructor(
    private readonly budget: { left: number },
    private readonly onExceed: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.budget.left -= chunk.length;
    if (this.budget.left < 0) cb(this.onExceed());
    else cb(null, chunk);
  }
}

/** Calls `handler` for each file entry, in archive order, with a stream of its bytes. */
export async function forEachZipEntry(
  source: Buffer | string,
  handler: (entry: ZipEntryInfo, stream: Readable) => Promise<void>,
  opts: ZipReadOptions = {},
): Promise<void> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...opts.limits };
  const file =
    opts.file ?? (typeof source === "string" ? (source.split(/[\\/]/).pop() ?? source) : "archive.zip");
  const tooLarge = () =>
    new ImportFormatError(
      "too_large",
      file,
      `the archive holds more than ${Math.round(limits.maxTotalBytes / 1048576)} MB of data`,
    );
  let zip: yauzl.ZipFile | undefined;
  try {
    const options = { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true };
    zip =
      typeof source === "string"
        ? await yauzl.openPromise(source, options)
        : await yauzl.fromBufferPromise(source, options);
    if (zip.entryCount > limits.maxEntries) {
      throw new ImportFormatError(
        "too_many_entries",
        file,
        `the archive has ${zip.entryCount} entries (limit ${limits.maxEntries})`,
      );
    }
    const budget = { left: limits.maxTotalBytes };
    let declared = 0;
    let index = 0;
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      opts.onEntry?.(index++, zip.entryCount);
      if (name.endsWith("/") || (opts.filter && !opts.filter(name))) continue;
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes) throw tooLarge();
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
        throw new ImportFormatError(
          "zip_bomb",
          file,
          `the entry ${name} expands ${Math.round(ratio)} times (limit ${limits.maxRatio}); refused as a possible zip bomb`,
        );
      }
      const raw = await zip.openReadStreamPromise(entry);
      const counted = raw.pipe(new ByteBudget(budget, tooLarge));
      raw.on("error", (err) => counted.destroy(err));
      await handler({ name, size: entry.uncompressedSize, compressedSize: entry.compressedSize }, counted);
    }
  } catch (e) {
    throw mapError(e, file);
  } finally {
    zip?.close();
  }
}

/** Reads the (filtered) entries fully into memory. */
export async function readZipEntries(
  source: Buffer | string,
  opts: ZipReadOptions = {},
): Promise<ZipEntryData[]> {
  const out: ZipEntryData[] = [];
  await forEachZipEntry(
    source,
    async (entry, stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      out.push({ name: entry.name, data: Buffer.concat(chunks) });
    },
    opts,
  );
  return out;
}
