/**
 * French elision before a name: "de" and "que" followed by a parameter become "d’" and "qu’" when the
 * value begins with a vowel sound ("Publication d’Alice", "Publications de Bruno"). Only the written
 * vowels count: names with an "h" or a "y" keep "de" ("de Hugo", "de Yann"), which reads correctly.
 */
const BEFORE_PARAMETER = /\b(de|que) \{(\w+)\}/g;
const VOWEL = /^[aeiouàâäéèêëîïôöùûüœæ]/i;

export function elide(template: string, params: Record<string, string | number>): string {
  return template.replace(BEFORE_PARAMETER, (whole, word: string, name: string) => {
    const value = params[name];
    if (typeof value !== "string" || !VOWEL.test(value)) return whole;
    return `${word === "de" ? "d" : "qu"}’{${name}}`;
  });
}
