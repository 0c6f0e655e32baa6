import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ImportFormatError } from "../../../src/domain/imports/model.ts";
import {
  assertLineLengths,
  decodeText,
  firstInvalidUtf8,
  repairMojibake,
} from "../../../src/domain/imports/text.ts";

const isCode = (code: string) => (e: unknown) => e instanceof ImportFormatError && e.code === code;

describe("decodeText", () => {
  it("strips a UTF-8 BOM", () => {
    assert.equal(decodeText(Buffer.from("\uFEFFhé", "utf8"), "a.csv"), "hé");
  });
  it("decodes UTF-16 LE and BE with a BOM", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Zoë,1", "utf16le")]);
    assert.equal(decodeText(le, "a.csv"), "Zoë,1");
    const be = Buffer.from(Buffer.from("Zoë,1", "utf16le")).swap16();
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), "a.csv"), "Zoë,1");
  });
  it("refuses Latin-1 bytes with bad_encoding naming the file and offset", () => {
    assert.throws(
      () => decodeText(Buffer.from([0x49, 0x6e, 0xe8, 0x73]), "contacts.csv"),
      (e: unknown) =>
        isCode("bad_encoding")(e) &&
        (e as ImportFormatError).file === "contacts.csv" &&
        /offset 2/.test(String(e)),
    );
  });
  it("refuses files over the size limit", () => {
    assert.throws(() => decodeText(new Uint8Array(11), "x.csv", { maxBytes: 10 }), isCode("too_large"));
  });
  it("finds the first invalid UTF-8 byte (overlong, surrogate, truncated)", () => {
    assert.equal(firstInvalidUtf8(Buffer.from("abc", "utf8")), -1);
    assert.equal(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80])), 1);
    assert.equal(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80])), 0);
    assert.equal(firstInvalidUtf8(new Uint8Array([0x61, 0xe2, 0x82])), 1);
  });
});

describe("repairMojibake", () => {
  it("repairs UTF-8 read as Latin-1", () => {
    assert.equal(repairMojibake("InÃ¨s"), "Inès");
    assert.equal(repairMojibake("JÃ¼rgen MÃ¼ller"), "Jürgen Müller");
  });
  it("leaves correct text alone", () => {
    for (const s of ["Inès", "Zoë", "plain", "日本", "Ã alone"]) assert.equal(repairMojibake(s), s);
  });
});

describe("assertLineLengths", () => {
  it("refuses a gigantic line with line_too_long", () => {
    assert.throws(() => assertLineLengths("a".repeat(2000), "big.csv", 1000), isCode("line_too_long"));
    assertLineLengths(`${"a".repeat(999)}\n${"b".repeat(999)}`, "ok.csv", 1000);
  });
});
