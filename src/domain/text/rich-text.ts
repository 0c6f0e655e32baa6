/**
 * User text as a small tree that a view can render safely: paragraphs (split on blank lines) of text
 * runs, line breaks and links. Only http(s) addresses become links; nothing here is ever raw HTML.
 */
export type Inline =
  | { kind: "text"; text: string }
  | { kind: "link"; href: string; text: string }
  | { kind: "break" };

export type Paragraph = Inline[];

/** A candidate address: from http:// or https:// up to the next space or character that cannot end one. */
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/giu;
/** Punctuation that usually ends the sentence rather than the address ("see https://x.org."). */
const TRAILING = /[.,;:!?*_~]+$/u;
const CLOSERS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Drops trailing punctuation and unbalanced closing brackets: "(https://x.org/a)" keeps "https://x.org/a". */
function trimAddress(candidate: string): string {
  let address = candidate;
  for (;;) {
    const trimmed = address.replace(TRAILING, "");
    const last = trimmed.at(-1) ?? "";
    const opener = CLOSERS[last];
    if (opener && count(trimmed, last) > count(trimmed, opener)) {
      address = trimmed.slice(0, -1);
      continue;
    }
    return trimmed;
  }
}

/** The address as a safe href, or null when it does not parse as an http(s) URL with a host. */
function safeHref(address: string): string | null {
  if (!URL.canParse(address)) return null;
  const url = new URL(address);
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return null;
  return url.href;
}

function pushText(line: Inline[], text: string): void {
  if (text === "") return;
  const previous = line.at(-1);
  if (previous?.kind === "text") previous.text += text;
  else line.push({ kind: "text", text });
}

/** One line of text as text runs and links. */
export function linkify(text: string): Inline[] {
  const tokens: Inline[] = [];
  let position = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const address = trimAddress(match[0]);
    const href = safeHref(address);
    if (!href) continue;
    pushText(tokens, text.slice(position, match.index));
    tokens.push({ kind: "link", href, text: address });
    position = match.index + address.length;
  }
  pushText(tokens, text.slice(position));
  return tokens;
}

/** Whole text as paragraphs: blank lines separate paragraphs, single newlines become breaks. */
export function parseRichText(text: string): Paragraph[] {
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  if (normalized === "") return [];
  return normalized.split(/\n[ \t]*\n\s*/).map((block) =>
    block.split("\n").flatMap((line, index) => {
      const inline = linkify(line);
      return index === 0 ? inline : [{ kind: "break" } as const, ...inline];
    }),
  );
}
