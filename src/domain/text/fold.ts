/**
 * A text as it is compared in searches and hashtags: lower-cased, and the accents of Latin letters
 * removed ("Café", "CAFÉ", "café" typed as "e" and a combining accent: all "cafe"; "Ça" is "ca").
 * Letters of other scripts keep their marks (the vowel signs of Devanagari are part of the word),
 * and so do Latin letters that are letters of their own (ø, ł, œ, ß).
 *
 * SQLite's full-text tokenizer (unicode61, remove_diacritics 2) folds the same letters, and the
 * PostgreSQL search indexes apply the same steps in SQL (db/search-index.ts, migration 0031): a query
 * folded here finds the words however their accents were typed, on both engines.
 */
export function foldAccents(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/([a-z])[\u0300-\u036f]+/g, "$1")
    .normalize("NFC");
}
