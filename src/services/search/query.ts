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

/** FTS5: every word, each as a prefix ("ali" finds "alice"). */
export function ftsQuery(terms: string[]): string {
  return terms.map((t) => `"${t}"*`).join(" ");
}

/** PostgreSQL to_tsquery('simple', …): every word, each as a prefix. */
export function tsQuery(terms: string[]): string {
  return terms.map((t) => `${t}:*`).join(" & ");
}
