import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { hashtags, normalizeTag, parsePostText, plainText } from "../../src/domain/posts/text.ts";
import { foldAccents } from "../../src/domain/text/fold.ts";
import { wordForms } from "../../src/domain/text/word-forms.ts";

describe("folding accents, for searches and hashtags", () => {
  it("lower-cases and takes the accents off Latin letters, however they were typed", () => {
    for (const written of ["café", "Café", "CAFÉ", "cafe\u0301", "CAFE\u0301", "cafe"])
      assert.equal(foldAccents(written), "cafe", written);
    assert.equal(
      foldAccents("Réunion à Noël, garçon, ĳssel, Łódź, øre, œuvre"),
      "reunion a noel, garcon, ĳssel, łodz, øre, œuvre",
    );
    assert.equal(foldAccents("Tiếng Việt"), "tieng viet");
  });

  it("keeps the marks of other scripts, which are part of their words", () => {
    assert.equal(foldAccents("йога"), "йога");
    assert.equal(foldAccents("हिंदी"), "हिंदी");
    assert.equal(foldAccents("한국어"), "한국어", "Hangul comes back composed");
    assert.equal(foldAccents("Ελλάδα"), "ελλάδα");
  });

  it("gives the same text again when folded twice (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => foldAccents(foldAccents(s)) === foldAccents(s)),
    );
  });
});

describe("hashtags: one tag whatever its case, accents or form", () => {
  it("keys #café, #Café, #CAFÉ, #cafe and the decomposed form as one tag, the text kept as typed", () => {
    const text = "#café #Café #CAFÉ #cafe #cafe\u0301 #ｃａｆé";
    const ast = parsePostText(text);
    assert.deepEqual(hashtags(ast), ["cafe"]);
    assert.equal(plainText(ast), text, "the text is what the author typed");
    const links = ast.flat().flatMap((t) => (t.kind === "hashtag" ? [t.text] : []));
    assert.deepEqual(links, ["#café", "#Café", "#CAFÉ", "#cafe", "#cafe\u0301", "#ｃａｆé"]);
  });

  it("takes a decomposed accent as part of the tag, not as text after it", () => {
    const ast = parsePostText("Au #cafe\u0301 ce soir");
    assert.deepEqual(ast, [
      [
        { kind: "text", text: "Au " },
        { kind: "hashtag", tag: "cafe", text: "#cafe\u0301" },
        { kind: "text", text: " ce soir" },
      ],
    ]);
  });

  it("makes every key of letters, marks, digits and underscores", () => {
    assert.equal(normalizeTag("Été_2026"), "ete_2026");
    assert.equal(normalizeTag("a½"), "a12", "a compatibility form's slash is no part of a tag");
    assert.equal(normalizeTag("हिंदी"), "हिंदी");
  });
});

describe("word forms: a searched word and its other number", () => {
  it("finds the singular of a plural and the plurals of a singular, in French and English", () => {
    const cases: [string, string[]][] = [
      ["meetups", ["meetups", "meetup"]],
      ["meetup", ["meetup", "meetups"]],
      ["rencontres", ["rencontres", "rencontre"]],
      ["rencontre", ["rencontre", "rencontres"]],
      ["reunion", ["reunion", "reunions"]],
      ["gateaux", ["gateaux", "gateau"]],
      ["jeu", ["jeu", "jeus", "jeux"]],
      ["matches", ["matches", "match", "matche"]],
      ["match", ["match", "matches"]],
      ["class", ["class", "classes"]],
      ["bus", ["bus", "buses"]],
      ["amis", ["amis", "ami"]],
    ];
    for (const [word, forms] of cases) assert.deepEqual(wordForms(word), forms, word);
  });

  it("leaves short words and words with digits alone, and gives at most three forms (property)", () => {
    assert.deepEqual(wordForms("is"), ["is"]);
    assert.deepEqual(wordForms("2026s"), ["2026s"]);
    assert.deepEqual(wordForms("g20s"), ["g20s"]);
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{0,12}$/), (word) => {
        const forms = wordForms(word);
        return forms[0] === word && forms.length <= 3 && new Set(forms).size === forms.length;
      }),
    );
  });
});
