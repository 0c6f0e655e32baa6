/** About how many characters of a text an excerpt shows (a notification's, by default). */
export const EXCERPT_LENGTH = 80;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The start of a text on one line (a notification's, a page title's): at most `max` characters (whole graphemes, so an
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
