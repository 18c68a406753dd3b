import { describe, expect, it } from "vitest";
import { splitSentences } from "../src/parsers/sentences.js";
import { tokenize } from "../src/text/tokenize.js";
import { Locator } from "../src/model/locator.js";
import { compilePhrase, matchAt } from "../src/lexicon/phrase.js";
import { decodeText } from "../src/cli/decode.js";

const pieces = (text: string) => splitSentences(text, 0, text.length).map((s) => text.slice(s.start, s.end));

describe("sentence splitting", () => {
  it("splits at full stops and keeps abbreviations together", () => {
    expect(pieces("Call clients daily, e.g. retailers. Then close deals! Report to the V.P. of Sales.")).toEqual([
      "Call clients daily, e.g. retailers.",
      "Then close deals!",
      "Report to the V.P. of Sales.",
    ]);
  });

  it("splits sentences glued without a space, as job boards lose them", () => {
    expect(pieces("We are enthusiastic and driven.The ideal candidate loves Node.Js work.")).toEqual([
      "We are enthusiastic and driven.",
      "The ideal candidate loves Node.Js work.",
    ]);
  });

  it("splits bullets run into one line", () => {
    expect(pieces("The role would suit:* Great communication skills* Positive attitude")).toEqual([
      "The role would suit:",
      "Great communication skills",
      "Positive attitude",
    ]);
  });

  it("returns exact offsets into the text", () => {
    const text = "  First one. Second one.";
    for (const s of splitSentences(text, 2, text.length)) expect(text.slice(s.start, s.end)).toMatch(/^\w.*\.$/);
  });
});

describe("tokens and phrases", () => {
  it("stems and marks clause breaks", () => {
    const t = tokenize("Cold-calling prospects, daily");
    expect(t.map((x) => x.stem)).toEqual(["cold", "call", "prospect", "daili"]);
    expect(t.map((x) => x.clauseBreak)).toEqual([false, false, false, true]);
  });

  it("reads numbers with thousands separators", () => {
    expect(tokenize("make 1,200 dials").map((x) => x.number)).toEqual([null, 1200, null]);
  });

  it("reads a percentage as no count: 80% of emails is a share", () => {
    expect(tokenize("answer 80% of emails within 4 hours").map((x) => x.number)).toEqual([null, null, null, null, null, 4, null]);
  });

  it("matches phrases on stems with a gap, not across a clause break", () => {
    const p = compilePhrase("close deal");
    expect(matchAt(p, tokenize("close new deals"), 0)).toBe(2);
    expect(matchAt(p, tokenize("close the quarter with deals"), 0)).toBe(-1);
    expect(matchAt(p, tokenize("close, deals"), 0)).toBe(-1);
  });

  it("supports alternatives, prefixes and exact words", () => {
    expect(matchAt(compilePhrase("outbound call|email"), tokenize("outbound emails"), 0)).toBe(1);
    expect(matchAt(compilePhrase("tele*"), tokenize("telesales"), 0)).toBe(0);
    expect(matchAt(compilePhrase("=ote"), tokenize("OTE"), 0)).toBe(0);
    expect(() => compilePhrase("a||b")).toThrow(/empty alternative/);
  });
});

describe("locator: the one place line and column are computed", () => {
  it("maps offsets to 1-based line and column, CRLF included", () => {
    const text = "Title\r\nsecond line\nthird";
    const loc = new Locator(text);
    expect(loc.position(0)).toEqual({ line: 1, column: 1 });
    expect(loc.position(text.indexOf("second") + 2)).toEqual({ line: 2, column: 3 });
    expect(loc.position(text.indexOf("third"))).toEqual({ line: 3, column: 1 });
  });

  it("maps inexact segments to where their value starts, offset by the record's line", () => {
    const loc = new Locator('{"title":"x"}', [{ textStart: 0, textEnd: 5, sourceStart: 1, exact: false }], 41);
    expect(loc.position(3)).toEqual({ line: 42, column: 2 });
  });
});

describe("decoding", () => {
  it("reads UTF-8 with a BOM and UTF-16 with a BOM", () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]))).toEqual({ text: "hi" });
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x68, 0, 0x69, 0]))).toEqual({ text: "hi" });
  });

  it("refuses invalid UTF-8 and binary files", () => {
    expect(decodeText(new Uint8Array([0x68, 0xff, 0x69]))).toHaveProperty("error");
    expect(decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toHaveProperty("error");
  });
});
