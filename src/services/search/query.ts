import { foldAccents } from "../../domain/text/fold.ts";
import { wordForms } from "../../domain/text/word-forms.ts";

/** At most this many words of a query are used; longer queries are cut. */
export const MAX_TERMS = 8;
export const MAX_QUERY_LENGTH = 200;

/**
 * The words of a search query: letters, digits and underscores, lower-cased. Everything else (quotes,
 * operators, "#", "@") separates words, so no query can be a syntax error in FTS5 or to_tsquery.
 */
export function searchTerms(q: string): string[] {
  const words =
    q
      .slice(0, MAX_QUERY_LENGTH)
      .normalize("NFC")
      .toLowerCase()
      .match(/[\p{L}\p{N}_]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/** The forms a query word is searched in (wordForms of the folded word). */
const formsOf = (term: string) => wordForms(foldAccents(term));

/**
 * FTS5: every word, accents aside, each as a prefix ("ali" finds "alice") — for names and handles, a
 * small index. With `{ forms: true }`, every word as a word, or as its singular or plural
 * (wordForms) — for posts: a prefix merges the lists of every word it begins (a common one reads
 * hundreds of thousands of entries), a word and its other forms read only as far as the newest
 * matches they need.
 */
export function ftsQuery(terms: string[], options: { forms?: boolean } = {}): string {
  if (!options.forms) return terms.map((t) => `"${foldAccents(t)}"*`).join(" ");
  const anyForm = (t: string) => formsOf(t).map((f) => `"${f}"`);
  return terms.map((t) => `(${anyForm(t).join(" OR ")})`).join(" AND ");
}

/** PostgreSQL to_tsquery('simple', …), over the folded text (pgSearchDocument): the same. */
export function tsQuery(terms: string[], options: { forms?: boolean } = {}): string {
  if (!options.forms) return terms.map((t) => `${foldAccents(t)}:*`).join(" & ");
  return terms.map((t) => `(${formsOf(t).join(" | ")})`).join(" & ");
}
