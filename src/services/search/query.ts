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
      .toLowerCase()
      .match(/[\p{L}\p{N}_]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/**
 * FTS5: every word, each as a prefix ("ali" finds "alice") — for names and handles, a small index.
 * With `{ whole: true }`, every word as a word — for posts: a prefix merges the lists of every word
 * it begins (a common one reads hundreds of thousands of entries), a word reads only as far as the
 * newest matches it needs.
 */
export function ftsQuery(terms: string[], options: { whole?: boolean } = {}): string {
  const star = options.whole ? "" : "*";
  return terms.map((t) => `"${t}"${star}`).join(" ");
}

/** PostgreSQL to_tsquery('simple', …): the same, as prefixes or whole words. */
export function tsQuery(terms: string[], options: { whole?: boolean } = {}): string {
  const star = options.whole ? "" : ":*";
  return terms.map((t) => `${t}${star}`).join(" & ");
}
