/**
 * A feature area's messages in both languages. The French side must have exactly the English keys,
 * which the type checks; `en.ts` and `fr.ts` merge every area into the catalogues.
 */
export function defineArea<const E extends Record<string, string>>(en: E, fr: { [K in keyof E]: string }) {
  return { en, fr };
}
