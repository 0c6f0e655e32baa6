import type { Context } from "hono";

const DOCUMENT_HEADER_LIST: [string, string][] = [
  [
    "Content-Security-Policy",
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  ],
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "same-origin"],
  ["X-Frame-Options", "DENY"],
];

/** The same, as a record, for responses whose headers are written by hand. */
export const DOCUMENT_HEADERS: Readonly<Record<string, string>> = Object.fromEntries(DOCUMENT_HEADER_LIST);

/**
 * Headers for an HTML document: no inline script or style, no framing, no MIME sniffing, no referrer
 * to other sites. Every page goes through pageContext, which sets them; files we serve set nosniff.
 */
export function setDocumentHeaders(c: Context): void {
  for (const [name, value] of DOCUMENT_HEADER_LIST) c.header(name, value);
}
