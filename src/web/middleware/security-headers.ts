import type { Context } from "hono";

const DOCUMENT_HEADERS: [string, string][] = [
  [
    "Content-Security-Policy",
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  ],
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "same-origin"],
  ["X-Frame-Options", "DENY"],
];

/**
 * Headers for an HTML document: no inline script or style, no framing, no MIME sniffing, no referrer
 * to other sites. Every page goes through pageContext, which sets them; files we serve set nosniff.
 */
export function setDocumentHeaders(c: Context): void {
  for (const [name, value] of DOCUMENT_HEADERS) c.header(name, value);
}
