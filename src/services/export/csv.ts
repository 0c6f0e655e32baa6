/**
 * CSV writing for exports (RFC 4180): fields holding a comma, quote or line break are quoted; CRLF rows.
 * Values are written as they are (no spreadsheet-formula escaping): the export is the person's data,
 * meant to be read back by programs, and "+33 6…" must stay a phone number.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: readonly (string | number | null | undefined)[][]): string {
  return `${[header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}
