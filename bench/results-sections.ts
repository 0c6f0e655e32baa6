import { existsSync, readFileSync, writeFileSync } from "node:fs";

/**
 * bench/results.md is written whole by `npm run bench`; benches run on their own (bench/timelines.ts)
 * keep their section in it under their own heading: replaced when they run again, carried over when
 * the whole report is written again.
 */
export function sectionOf(markdown: string, heading: string): string | null {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) return null;
  const next = markdown.indexOf("\n## ", start + heading.length + 2);
  return markdown.slice(start, next < 0 ? markdown.length : next).trimEnd();
}

export function keptSection(path: string, heading: string): string {
  if (!existsSync(path)) return "";
  const section = sectionOf(readFileSync(path, "utf8"), heading);
  return section ? `${section}\n` : "";
}

export function writeSection(path: string, heading: string, body: string): void {
  const markdown = existsSync(path) ? readFileSync(path, "utf8") : "# Benchmark results\n";
  const old = sectionOf(markdown, heading);
  const section = `\n${heading}\n\n${body.trim()}`;
  writeFileSync(path, old ? markdown.replace(old, section) : `${markdown.trimEnd()}\n${section}\n`);
}
