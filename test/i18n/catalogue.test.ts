import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { en } from "../../src/i18n/en.ts";
import { fr } from "../../src/i18n/fr.ts";
import { dateLocale, formatters, negotiateLocale, translator } from "../../src/i18n/index.ts";
import { expandPlurals } from "../../src/i18n/plural.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("the catalogues", () => {
  it("has every English key in French, with the same parameters, and no empty text", () => {
    for (const [key, text] of Object.entries(en)) {
      const french = fr[key as keyof typeof en];
      assert.ok(french, `missing French for ${key}`);
      // A parameter is `{name}`, or `{name, plural, …}` (src/i18n/plural.ts).
      const params = (s: string) => [...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]).sort();
      assert.deepEqual(params(french), params(text), `parameters differ for ${key}`);
    }
  });

  it("puts a narrow no-break space before French : ; ! ? and inside « », never another space or none", () => {
    for (const [key, text] of Object.entries(fr)) {
      // An address's "https://" is no punctuation of the sentence.
      const sentence = text.replace(/\bhttps?:\/\//g, "");
      for (const m of sentence.matchAll(/(.?)([:;!?»])/gu))
        assert.equal(m[1], "\u202f", `${key}: “${m[1]}${m[2]}” in “${text}”`);
      for (const m of sentence.matchAll(/«(.?)/gu))
        assert.equal(m[1], "\u202f", `${key}: “«${m[1]}” in “${text}”`);
    }
  });

  it("has a message for every error key the code can raise", () => {
    const used = new Set<string>();
    for (const file of sourceFiles("src")) {
      for (const match of readFileSync(file, "utf8").matchAll(/"(error\.[a-zA-Z.]+)"/g)) {
        if (match[1]) used.add(match[1]);
      }
    }
    assert.ok(used.size > 10);
    for (const key of used) assert.ok(key in en, `${key} is used in src but not in the catalogue`);
  });

  it("translates with parameters and falls back to English, then to the key", () => {
    assert.equal(translator("fr")("home.welcome", { name: "Inès" }), "Bienvenue, Inès.");
    assert.equal(translator("en")("no.such.key"), "no.such.key");
  });

  it("chooses plural forms by each language's rules, with exact branches and placeholders inside", () => {
    const en = translator("en");
    const fr = translator("fr");
    assert.equal(en("posts.poll.voters", { count: 1 }), "1 person voted");
    assert.equal(en("posts.poll.voters", { count: 0 }), "0 people voted");
    assert.equal(en("posts.poll.voters", { count: 2 }), "2 people voted");
    // In French, 0 and 1 are singular.
    assert.equal(fr("posts.poll.voters", { count: 0 }), "0 personne a voté");
    assert.equal(fr("posts.poll.voters", { count: 1 }), "1 personne a voté");
    assert.equal(fr("posts.poll.voters", { count: 3 }), "3 personnes ont voté");
    assert.equal(en("posts.poll.votes", { count: 1, percent: 50 }), "1 vote (50 %)");
    assert.equal(
      en("posts.counts", { replies: 1, reactions: 0, boosts: 2 }),
      "1 comment · 0 reactions · 2 boosts",
    );
    assert.equal(
      expandPlurals("{n, plural, =0 {none} one {# item ({x})} other {# items}} left", { n: 0 }, "en"),
      "none left",
    );
    assert.equal(
      expandPlurals("{n, plural, one {# item ({x})} other {# items}}", { n: 1 }, "en"),
      "1 item ({x})",
    );
    // A malformed message (no "other") is left as it is.
    assert.equal(expandPlurals("{n, plural, one {# item}}", { n: 1 }, "en"), "{n, plural, one {# item}}");
  });

  it("elides French “de” and “que” before a name that begins with a vowel", () => {
    const fr = translator("fr");
    assert.equal(fr("posts.page.title", { name: "Alice Martin" }), "Publication d’Alice Martin");
    assert.equal(fr("posts.page.title", { name: "Émile" }), "Publication d’Émile");
    assert.equal(fr("posts.page.title", { name: "Bruno" }), "Publication de Bruno");
    assert.equal(fr("posts.page.title", { name: "Hugo" }), "Publication de Hugo");
    assert.equal(translator("en")("posts.page.title", { name: "Alice" }), "Post by Alice");
  });

  it("negotiates Accept-Language with quality values", () => {
    assert.equal(negotiateLocale("fr-CA,fr;q=0.9,en;q=0.8"), "fr");
    assert.equal(negotiateLocale("de-DE,en;q=0.5,fr;q=0.7"), "fr");
    assert.equal(negotiateLocale("de-DE"), null);
    assert.equal(negotiateLocale(undefined), null);
    assert.equal(negotiateLocale("en;q=0,fr;q=0"), null);
  });

  it("formats dates in the viewer's language and time zone", () => {
    const instant = "2026-03-01T23:30:00.000Z";
    assert.match(formatters("en", "UTC").date(instant), /March 1, 2026/);
    assert.match(formatters("fr", "Europe/Paris").date(instant), /2 mars 2026/);
    assert.match(formatters("fr", "Europe/Paris").dateTime(instant), /00:30/);
    assert.match(formatters("en-GB", "UTC").date(instant), /^1 March 2026$/);
    assert.match(formatters("en-GB", "UTC").dateTime(instant), /23:30/);
  });

  it("writes dates as the browser's region does, in the language of the page only", () => {
    assert.equal(dateLocale("en", "en-GB,en;q=0.9"), "en-GB");
    assert.equal(dateLocale("en", "en-us"), "en-US");
    assert.equal(dateLocale("fr", "fr-CA,fr;q=0.8,en-GB;q=0.5"), "fr-CA");
    // The best region of the page's language, whatever comes first.
    assert.equal(dateLocale("en", "fr-FR,en-AU;q=0.8,en-GB;q=0.6"), "en-AU");
    // Another language's region says nothing of how this one is written.
    assert.equal(dateLocale("en", "fr-FR,fr;q=0.9"), "en");
    // Only a plain language-REGION tag: no scripts, variants, extensions or nonsense.
    for (const header of [undefined, "", "en", "en-Latn-GB", "en-GB-u-hc-h12", "en-GB;q=0", "*", "en-1234"])
      assert.equal(dateLocale("en", header), "en", String(header));
  });
});
