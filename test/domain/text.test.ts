import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { linkify, parseRichText } from "../../src/domain/text/rich-text.ts";

const hrefs = (text: string) => linkify(text).flatMap((t) => (t.kind === "link" ? [t.href] : []));

describe("rich text: paragraphs, breaks and safe links", () => {
  it("makes http and https addresses links, and nothing else", () => {
    assert.deepEqual(linkify("see https://example.org/a?b=1 now"), [
      { kind: "text", text: "see " },
      { kind: "link", href: "https://example.org/a?b=1", text: "https://example.org/a?b=1" },
      { kind: "text", text: " now" },
    ]);
    assert.deepEqual(hrefs("http://example.org"), ["http://example.org/"]);
    for (const unsafe of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox",
      "ftp://example.org/file",
      "xhttps://example.org",
      "https://",
    ]) {
      assert.deepEqual(hrefs(unsafe), [], unsafe);
    }
  });

  it("leaves trailing punctuation and unbalanced brackets out of the link", () => {
    assert.deepEqual(hrefs("Look: https://example.org/page."), ["https://example.org/page"]);
    assert.deepEqual(hrefs("(see https://example.org/x), then"), ["https://example.org/x"]);
    assert.deepEqual(hrefs("https://en.wikipedia.org/wiki/Foo_(bar)!"), [
      "https://en.wikipedia.org/wiki/Foo_(bar)",
    ]);
    assert.deepEqual(hrefs("is it https://example.org?"), ["https://example.org/"]);
    assert.deepEqual(hrefs('"https://example.org/q"'), ["https://example.org/q"]);
    assert.deepEqual(hrefs("<https://example.org/a>"), ["https://example.org/a"]);
  });

  it("keeps a link inside a javascript: text from being anything but an http link", () => {
    assert.deepEqual(hrefs("javascript:alert('http://evil.example')"), ["http://evil.example/"]);
  });

  it("splits paragraphs on blank lines and keeps single line breaks", () => {
    assert.deepEqual(parseRichText("Hello\nworld\n\n\nBye  "), [
      [{ kind: "text", text: "Hello" }, { kind: "break" }, { kind: "text", text: "world" }],
      [{ kind: "text", text: "Bye" }],
    ]);
    assert.deepEqual(parseRichText("a\r\n\r\nb"), [
      [{ kind: "text", text: "a" }],
      [{ kind: "text", text: "b" }],
    ]);
    assert.deepEqual(parseRichText("  \n "), []);
  });

  it("loses no character of a line and only ever links http(s) addresses", () => {
    const pieces = [
      "https://",
      "http://",
      "javascript:",
      "example.org",
      "/a",
      "(",
      ")",
      ".",
      ",",
      "?",
      "'",
      '"',
      "<",
      ">",
      " ",
      "x",
      "é",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const line = parts.join("");
        const tokens = linkify(line);
        assert.equal(tokens.map((t) => (t.kind === "break" ? "\n" : t.text)).join(""), line);
        for (const t of tokens)
          if (t.kind === "link") assert.ok(/^https?:\/\/[^\s<>"]+$/.test(t.href), t.href);
      }),
      { numRuns: 500 },
    );
  });
});
