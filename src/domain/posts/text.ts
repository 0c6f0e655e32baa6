import { foldAccents } from "../text/fold.ts";
import { linkify } from "../text/rich-text.ts";

/**
 * A post's text as our own small tree: paragraphs of text runs, line breaks, links, @mentions and
 * #hashtags. Stored as JSON beside the text (`body_ast`) and rendered by a view that escapes every
 * character: nothing a person typed is ever output as HTML.
 */
export type PostInline =
  | { kind: "text"; text: string }
  | { kind: "link"; href: string; text: string }
  | { kind: "break" }
  | { kind: "mention"; handle: string; text: string }
  | { kind: "hashtag"; tag: string; text: string };

export type PostParagraph = PostInline[];
export type PostAst = PostParagraph[];

export const MAX_POST_LENGTH = 5000;

/**
 * `@handle` (a local handle, not the middle of an e-mail address nor "@a@b") or `#tag` (letters with
 * their marks, digits, underscores, at least one letter), each at the start or after a character that
 * cannot be part of a word.
 */
const TOKEN =
  /(?<![\p{L}\p{M}\p{N}_@#/&])(?:@([A-Za-z0-9_]{1,30})(?![A-Za-z0-9_@])|#([\p{L}\p{M}\p{N}_]{1,60})(?![\p{L}\p{M}\p{N}_]))/gu;
const HAS_LETTER = /\p{L}/u;

/**
 * A hashtag's key, as stored and linked: compatibility forms made plain (NFKC: "ｃａｆé" is "café",
 * keeping only what a tag is made of), lower-cased, accents of Latin letters removed — #Café, #CAFÉ
 * and #cafe are one tag, "cafe". The post's text keeps the tag as typed.
 */
export function normalizeTag(tag: string): string {
  return foldAccents(tag.normalize("NFKC").replace(/[^\p{L}\p{M}\p{N}_]/gu, ""));
}

function splitText(text: string, out: PostInline[]): void {
  let position = 0;
  for (const match of text.matchAll(TOKEN)) {
    const [whole, handle, tag] = match;
    if (tag !== undefined && !HAS_LETTER.test(tag)) continue;
    if (match.index > position) pushText(out, text.slice(position, match.index));
    if (handle !== undefined) out.push({ kind: "mention", handle: handle.toLowerCase(), text: whole });
    else if (tag !== undefined) out.push({ kind: "hashtag", tag: normalizeTag(tag), text: whole });
    position = match.index + whole.length;
  }
  if (position < text.length) pushText(out, text.slice(position));
}

function pushText(out: PostInline[], text: string): void {
  if (text === "") return;
  const previous = out.at(-1);
  if (previous?.kind === "text") previous.text += text;
  else out.push({ kind: "text", text });
}

/** The text as paragraphs (blank lines), breaks (single newlines), links, mentions and hashtags. */
export function parsePostText(text: string): PostAst {
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  if (normalized === "") return [];
  return normalized.split(/\n[ \t]*\n\s*/).map((block) => {
    const paragraph: PostInline[] = [];
    block.split("\n").forEach((line, index) => {
      if (index > 0) paragraph.push({ kind: "break" });
      for (const token of linkify(line)) {
        if (token.kind === "text") splitText(token.text, paragraph);
        else paragraph.push(token);
      }
    });
    return paragraph;
  });
}

/** The handles a tree mentions, each once, in order of appearance. */
export function mentionedHandles(ast: PostAst): string[] {
  const handles = new Set<string>();
  for (const paragraph of ast) for (const t of paragraph) if (t.kind === "mention") handles.add(t.handle);
  return [...handles];
}

/** The hashtags a tree carries, each once. */
export function hashtags(ast: PostAst): string[] {
  const tags = new Set<string>();
  for (const paragraph of ast) for (const t of paragraph) if (t.kind === "hashtag") tags.add(t.tag);
  return [...tags];
}

/** Mentions of handles that exist stay mentions; the others become plain text again. */
export function keepKnownMentions(ast: PostAst, known: ReadonlySet<string>): PostAst {
  return ast.map((paragraph) => {
    const out: PostInline[] = [];
    for (const token of paragraph) {
      if (token.kind === "mention" && !known.has(token.handle)) pushText(out, token.text);
      else if (token.kind === "text") pushText(out, token.text);
      else out.push(token);
    }
    return out;
  });
}

/** Plain text of a tree (feeds' summaries, notifications, search snippets). */
export function plainText(ast: PostAst): string {
  return ast.map((p) => p.map((t) => (t.kind === "break" ? "\n" : t.text)).join("")).join("\n\n");
}

/** Reads a stored tree; a damaged value falls back to the text, parsed again. */
export function readAst(json: string, body: string): PostAst {
  try {
    const value: unknown = JSON.parse(json);
    if (Array.isArray(value)) return value as PostAst;
  } catch {
    // fall through
  }
  return parsePostText(body);
}
