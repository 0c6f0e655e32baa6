/**
 * Plural forms in catalogue messages, in the ICU shape translators know:
 * `{count, plural, one {# vote} other {# votes}}`. The branch is chosen by the language's rules
 * (`Intl.PluralRules`: in French 0 and 1 are "one", in English only 1), or by an exact `=N` branch
 * first; `#` stands for the number. A branch may hold other `{placeholders}`, filled afterwards.
 */
const HEAD = /\{(\w+), plural,/g;
const BRANCH = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/y;

const rulesCache = new Map<string, Intl.PluralRules>();
function rulesFor(locale: string): Intl.PluralRules {
  let rules = rulesCache.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    rulesCache.set(locale, rules);
  }
  return rules;
}

/** The text of the branch that opens at `from` (just after its "{"), and where it ends (after its "}"). */
function branchAt(template: string, from: number): { text: string; end: number } | null {
  let depth = 1;
  for (let i = from; i < template.length; i++) {
    if (template[i] === "{") depth++;
    else if (template[i] === "}" && --depth === 0) return { text: template.slice(from, i), end: i + 1 };
  }
  return null;
}

export function expandPlurals(
  template: string,
  params: Record<string, string | number>,
  locale: string,
): string {
  if (!template.includes(", plural,")) return template;
  let out = "";
  let copied = 0;
  HEAD.lastIndex = 0;
  for (let head = HEAD.exec(template); head !== null; head = HEAD.exec(template)) {
    const name = head[1] as string;
    const branches = new Map<string, string>();
    let at = HEAD.lastIndex;
    for (;;) {
      BRANCH.lastIndex = at;
      const selector = BRANCH.exec(template);
      if (!selector) break;
      const branch = branchAt(template, BRANCH.lastIndex);
      if (!branch) break;
      branches.set(selector[1] as string, branch.text);
      at = branch.end;
    }
    const close = template.indexOf("}", at);
    // A malformed message is left as it is, as an unknown placeholder is.
    if (close === -1 || template.slice(at, close).trim() !== "" || !branches.has("other")) continue;
    const value = Number(params[name]);
    const chosen = Number.isFinite(value)
      ? (branches.get(`=${value}`) ?? branches.get(rulesFor(locale).select(value)) ?? branches.get("other"))
      : branches.get("other");
    out += template.slice(copied, head.index) + (chosen ?? "").replaceAll("#", String(params[name]));
    copied = close + 1;
    HEAD.lastIndex = copied;
  }
  return out + template.slice(copied);
}
