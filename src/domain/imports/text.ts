/** Byte → text decoding with clear errors, mojibake repair, and guards against pathological input. */
import { ImportFormatError } from "./model.ts";

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const MAX_LINE_LENGTH = 1024 * 1024;

export interface DecodeOptions {
  maxBytes?: number;
}

/**
 * Decodes a file: strips a UTF-8 BOM, decodes UTF-16 LE/BE when it has a BOM, otherwise requires valid
 * UTF-8 (`bad_encoding` naming the file and the byte offset when it is not).
 */
export function decodeText(bytes: Uint8Array, file: string, opts: DecodeOptions = {}): string {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > max) {
    throw new ImportFormatError("too_large", file, `the file is larger than ${formatBytes(max)}`);
  }
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return decodeStrict("utf-16le", bytes.subarray(2), file);
  if (b0 === 0xfe && b1 === 0xff) return decodeStrict("utf-16be", bytes.subarray(2), file);
  const start = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return decodeStrict("utf-8", bytes.subarray(start), file);
}

function decodeStrict(encoding: "utf-8" | "utf-16le" | "utf-16be", bytes: Uint8Array, file: string): string {
  if (encoding !== "utf-8" && bytes.length % 2 !== 0) {
    throw new ImportFormatError("bad_encoding", file, "the file is UTF-16 but has an odd number of bytes");
  }
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = encoding === "utf-8" ? firstInvalidUtf8(bytes) : -1;
    const where = at >= 0 ? ` (first invalid byte at offset ${at})` : "";
    const label = encoding === "utf-8" ? "UTF-8" : "UTF-16";
    throw new ImportFormatError(
      "bad_encoding",
      file,
      `the file is not valid ${label} text${where}; re-export it as UTF-8`,
    );
  }
}

/** Offset of the first byte that breaks UTF-8 validity, or -1. Linear, no allocation. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Refuses text with a line longer than `max` characters (a binary or corrupted file), without hanging. */
export function assertLineLengths(text: string, file: string, max = MAX_LINE_LENGTH): void {
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    if (end - start > max) {
      throw new ImportFormatError(
        "line_too_long",
        file,
        `a line is longer than ${formatBytes(max)} without a line break; this does not look like a text export`,
      );
    }
    start = end + 1;
  }
}

/**
 * Repairs mojibake: UTF-8 bytes that were written as one code point each (Facebook's `\u00c3\u00a8`).
 * Only applied when every code point fits in a byte and those bytes form valid UTF-8, so a correct
 * "Inès" is never altered.
 */
export function repairMojibake(s: string): string {
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return s;
    if (c >= 0x80) high = true;
  }
  if (!high) return s;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return s;
  }
}

/** Applies `repairMojibake` to every string of a parsed JSON value (keys included). */
export function repairJson(value: unknown, depth = 0): unknown {
  if (depth > 64) return value;
  if (typeof value === "string") return repairMojibake(value);
  if (Array.isArray(value)) return value.map((v) => repairJson(v, depth + 1));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[repairMojibake(k)] = repairJson(v, depth + 1);
    return out;
  }
  return value;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** Lower-cased, accent-free, single-spaced form of a name, for keys and matching. */
export function normalizeName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
