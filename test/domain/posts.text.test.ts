import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  hashtags,
  keepKnownMentions,
  mentionedHandles,
  parsePostText,
  plainText,
} from "../../src/domain/posts/text.ts";

describe("post text: our own tree of paragraphs, links, mentions and hashtags", () => {
  it("finds mentions and hashtags, not inside e-mail addresses, URLs or words", () => {
    const ast = parsePostText(
      "Hi @Bob and @carol_2! #Lyon #2026 mail me: a@b.org see https://x.org/#frag c#sharp @dan@remote.social",
    );
    assert.deepEqual(mentionedHandles(ast), ["bob", "carol_2"]);
    assert.deepEqual(hashtags(ast), ["lyon"]);
    const kinds = ast[0]?.map((t) => t.kind);
    assert.ok(kinds?.includes("link"));
  });

  it("keeps unknown mentions as plain text", () => {
    const ast = keepKnownMentions(parsePostText("@bob meets @ghost"), new Set(["bob"]));
    assert.deepEqual(ast, [
      [
        { kind: "mention", handle: "bob", text: "@bob" },
        { kind: "text", text: " meets @ghost" },
      ],
    ]);
  });

  it("splits paragraphs and lines, and hashtags in any script", () => {
    const ast = parsePostText("Line one\nline #Été\n\nSecond #日本");
    assert.equal(ast.length, 2);
    assert.deepEqual(hashtags(ast), ["ete", "日本"], "keys without accents: #Été is #ete");
    assert.equal(plainText(ast), "Line one\nline #Été\n\nSecond #日本");
  });

  it("never loses or adds a character of the text (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const normalized = text.replace(/\r\n?/g, "\n").trim();
        const ast = parsePostText(text);
        const joined = plainText(ast);
        // paragraphs are re-joined with one blank line: compare without whitespace runs
        assert.equal(joined.replace(/\s+/g, ""), normalized.replace(/\s+/g, ""));
        for (const p of ast) for (const t of p) if (t.kind === "link") assert.match(t.href, /^https?:\/\//);
      }),
    );
  });
});
