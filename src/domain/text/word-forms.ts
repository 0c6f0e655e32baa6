/**
 * A searched word with its other number, as French and English write most plurals, so that
 * "meetups" finds "meetup" and "rencontre" finds "rencontres": the word itself, then its singular
 * (an "s" or an "x" after au/eu/ou taken away, or "es" after s, x, z, ch, sh) or its plurals (with
 * "s", "x" after au/eu/ou, "es" after s, x, z, ch, sh). At most three forms; a word of fewer than
 * three letters, or with digits, is only itself. Expects a folded word (domain/text/fold.ts).
 *
 * Applied to the query only, the same for both languages: the index keeps the words as written, and
 * a form that is no word ("chevau", "prixes") finds nothing.
 */
export function wordForms(word: string): string[] {
  const forms = new Set([word]);
  if (!/^\p{L}{3,}$/u.test(word)) return [...forms];
  if (/(?:au|eu|ou)x$/.test(word)) forms.add(word.slice(0, -1));
  else if (/(?:s|x|z|ch|sh)es$/.test(word)) forms.add(word.slice(0, -2)).add(word.slice(0, -1));
  else if (/[^s]s$/.test(word) && word.length >= 4) forms.add(word.slice(0, -1));
  else if (/(?:s|x|z|ch|sh)$/.test(word)) forms.add(`${word}es`);
  else {
    forms.add(`${word}s`);
    if (/(?:au|eu|ou)$/.test(word)) forms.add(`${word}x`);
  }
  return [...forms];
}
