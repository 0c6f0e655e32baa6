import { plainText, readAst } from "../../domain/posts/text.ts";

/** About how many characters of a post a notification shows. */
export const EXCERPT_LENGTH = 80;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The start of a text on one line, for a notification: at most `max` characters (whole graphemes, so an
 * emoji is never cut in two), cut at the last space when it is longer, with "…". Plain text: the view
 * escapes it like any other.
 */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const parts: string[] = [];
  for (const { segment } of graphemes.segment(flat)) {
    parts.push(segment);
    if (parts.length > max) break;
  }
  if (parts.length <= max) return flat;
  // One grapheme past the limit: a space there means the cut already falls between two words.
  const lastSpace = parts.lastIndexOf(" ");
  // A word longer than half the excerpt (a link) is cut where the limit falls instead.
  const end = lastSpace >= max / 2 ? lastSpace : max;
  return `${parts
    .slice(0, end)
    .join("")
    .replace(/[\s,;:.!?…-]+$/u, "")}…`;
}

/** A stored post's excerpt ("" for a post without text: only images, or a poll). */
export function postExcerpt(post: { body: string; body_ast: string }): string {
  return excerpt(plainText(readAst(post.body_ast, post.body)));
}
