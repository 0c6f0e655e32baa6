/** vCard lexing (2.1, 3.0, 4.0): unfolding, quoted-printable, content lines, escapes. */

export interface VProperty {
  group?: string;
  /** Upper-cased property name, e.g. `EMAIL`, `X-ABLABEL`. */
  name: string;
  /** Upper-cased parameter name → values (bare 2.1 parameters such as `WORK` go under TYPE). */
  params: Map<string, string[]>;
  /** Value after quoted-printable/charset decoding, still backslash-escaped. */
  raw: string;
  line: number;
}

export interface VLine {
  text: string;
  line: number;
}

const QP_NAME_PART = /^[^:]*QUOTED-PRINTABLE/i;

/** Joins folded lines (CRLF + space/tab) and quoted-printable soft line breaks (`=` at line end). */
export function unfold(text: string): VLine[] {
  const raw = text.split(/\r\n|\r|\n/);
  const out: VLine[] = [];
  let cur: VLine | undefined;
  raw.forEach((l, i) => {
    if (cur && QP_NAME_PART.test(cur.text) && cur.text.endsWith("=")) {
      cur.text = cur.text.slice(0, -1) + l.replace(/^[ \t]/, "");
    } else if (cur && /^[ \t]/.test(l)) {
      cur.text += l.slice(1);
    } else {
      if (cur) out.push(cur);
      cur = { text: l, line: i + 1 };
    }
  });
  if (cur) out.push(cur);
  return out.filter((l) => l.text.trim() !== "");
}

/** Splits on `sep` outside double quotes. */
function splitOutsideQuotes(s: string, sep: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** Parses `group.NAME;PARAM=a,b;BARE:value`; undefined when the line has no name or colon. */
export function parseContentLine(l: VLine): VProperty | undefined {
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < l.text.length; i++) {
    const c = l.text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ":" && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return undefined;
  const [head = "", ...paramParts] = splitOutsideQuotes(l.text.slice(0, colon), ";");
  const dot = head.lastIndexOf(".");
  const name = head
    .slice(dot + 1)
    .trim()
    .toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) return undefined;
  const params = new Map<string, string[]>();
  for (const p of paramParts) {
    const eq = p.indexOf("=");
    const key = (eq === -1 ? "TYPE" : p.slice(0, eq)).trim().toUpperCase();
    const value = eq === -1 ? p : p.slice(eq + 1);
    const values = splitOutsideQuotes(value, ",").map((v) => v.trim().replace(/^"(.*)"$/, "$1"));
    params.set(key, [...(params.get(key) ?? []), ...values.filter(Boolean)]);
  }
  // vCard 2.1 writes the encoding as a bare parameter.
  const types = (params.get("TYPE") ?? []).map((t) => t.toUpperCase());
  if (types.includes("QUOTED-PRINTABLE")) params.set("ENCODING", ["QUOTED-PRINTABLE"]);
  if (types.includes("BASE64")) params.set("ENCODING", ["BASE64"]);
  let raw = l.text.slice(colon + 1);
  const encoding = (params.get("ENCODING")?.[0] ?? "").toUpperCase();
  if (encoding === "QUOTED-PRINTABLE") raw = decodeQuotedPrintable(raw, params.get("CHARSET")?.[0]);
  const group = dot > 0 ? head.slice(0, dot).trim().toLowerCase() : undefined;
  return { ...(group ? { group } : {}), name, params, raw, line: l.line };
}

/** Decodes quoted-printable bytes with the declared charset (UTF-8 when absent or unknown). */
export function decodeQuotedPrintable(s: string, charset = "utf-8"): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const hex = s.slice(i + 1, i + 3);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (c < 0x80) bytes.push(c);
    else for (const b of new TextEncoder().encode(s[i] ?? "")) bytes.push(b);
  }
  const data = new Uint8Array(bytes);
  try {
    return new TextDecoder(charset.toLowerCase()).decode(data);
  } catch {
    return new TextDecoder("utf-8").decode(data);
  }
}

/** Splits on an unescaped separator (`;` for structured values, `,` for lists). */
export function splitEscaped(raw: string, sep: ";" | ","): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === "\\") i++;
    else if (raw[i] === sep) {
      parts.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(raw.slice(start));
  return parts;
}

/** Resolves `\n`, `\,`, `\;`, `\\`. */
export function unescapeText(raw: string): string {
  return raw.replace(/\\([nN,;\\:])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

export function escapeText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/,/g, "\\,").replace(/;/g, "\\;").replace(/\r?\n/g, "\\n");
}

/** Folds a content line at 75 octets (RFC 6350 §3.2) without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const enc = new TextEncoder();
  const chunks: string[] = [];
  let cur = "";
  let size = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    const limit = chunks.length === 0 ? 75 : 74;
    if (size + n > limit) {
      chunks.push(cur);
      cur = "";
      size = 0;
    }
    cur += ch;
    size += n;
  }
  chunks.push(cur);
  return chunks.join("\r\n ");
}
