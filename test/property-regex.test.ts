import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { mdBoldLine, mdHeading, stripEmphasis } from "../src/parsers/blocks.js";
import { hasEscapedTag } from "../src/parsers/html-blocks.js";
import { looksLikeHtmlPage } from "../src/parsers/html.js";
import { headingText, quotedValue } from "../src/parsers/markdown.js";
import { splitSentences } from "../src/parsers/sentences.js";
import { unglue } from "../src/parsers/fields.js";
import { tokenize } from "../src/text/tokenize.js";
import { inputsReport, runs } from "./helpers/fuzz.js";

// Super-linear regexes were replaced by linear code (see SECURITY.md). Each replacement must say exactly what the
// old regex said: these properties compare them on short strings built from the characters that matter.

let inputs = 0;
const startedAt = performance.now();
afterAll(() => console.log(inputsReport("property-regex", inputs, startedAt)));

/** Strings built from a few pieces that exercise a pattern's edge cases. */
const from = (...pieces: string[]) =>
  fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((a) => {
    inputs++;
    return a.join("");
  });
const RUNS = { numRuns: runs(3000) };
const SPACES = [" ", "\t", "\r", "\n", "\u00a0", "\u2028"];

describe("linear rewrites say what the regexes they replace said", () => {
  it("markdown heading line (blocks)", () => {
    const OLD = /^(\s{0,3})(#{1,6})\s+(.*?)\s*#*\s*$/;
    fc.assert(
      fc.property(from("#", "##", "a", "b c", ...SPACES), (line) => {
        const old = OLD.exec(line);
        expect(mdHeading(line)).toEqual(old ? [old[1], old[2]] : null);
      }),
      RUNS,
    );
  });

  it("bold line (blocks)", () => {
    const OLD = /^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$/;
    fc.assert(
      fc.property(from("**", "__", "*", "_", ":", "a", "b c", ...SPACES), (line) => {
        expect(mdBoldLine(line)).toBe(OLD.exec(line)?.[1] ?? null);
      }),
      RUNS,
    );
  });

  it("emphasis trimmed from both ends, or the end only", () => {
    fc.assert(
      fc.property(from("*", "_", "a", " ", ":"), (text) => {
        expect(stripEmphasis(text)).toBe(text.replace(/^[*_]+|[*_]+$/g, ""));
        expect(stripEmphasis(text, false)).toBe(text.replace(/[*_]+$/, ""));
      }),
      RUNS,
    );
  });

  it("markdown title heading and its closing sequence (markdown)", () => {
    const OLD = /^[ \t]{0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$/gm;
    const NEW = /^[ \t]{0,3}(#{1,6})[ \t]+(.+)$/gm;
    fc.assert(
      fc.property(from("#", "##", "a", "b c", " ", "\t", "\n", "\r"), (text) => {
        OLD.lastIndex = NEW.lastIndex = 0;
        const old = OLD.exec(text);
        const now = NEW.exec(text);
        expect(now?.index).toBe(old?.index);
        if (old && now) {
          expect(headingText(now[2]!)).toBe(old[2]);
          expect(now[0].indexOf(headingText(now[2]!), now[1]!.length)).toBe(old[0].indexOf(old[2]!, old[1]!.length));
        }
      }),
      RUNS,
    );
  });

  it("front matter title value (markdown)", () => {
    const OLD = /^title[ \t]*:[ \t]*(["']?)(.*?)\1[ \t]*$/m;
    const NEW = /^title[ \t]*:[ \t]*(.*)$/m;
    fc.assert(
      fc.property(from("title", ":", '"', "'", "a", " ", "\t", "\n", "\r"), (text) => {
        const old = OLD.exec(text);
        const now = NEW.exec(text);
        expect(now?.index).toBe(old?.index);
        if (old && now) expect(quotedValue(now[1]!)).toBe(old[2]);
      }),
      RUNS,
    );
  });

  it("an HTML page's opening (html)", () => {
    const OLD = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i;
    fc.assert(
      fc.property(from("<!--", "-->", "--", "<", ">", "!", "-", " ", "\n", "x", "<html>", "<HEAD ", "<!doctype html", "<body"), (text) => {
        expect(looksLikeHtmlPage(text)).toBe(OLD.test(text));
      }),
      RUNS,
    );
  });

  it("an HTML tag escaped once more (html-blocks)", () => {
    const OLD = /&lt;\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[\s\S]*?)?\/?&gt;/;
    fc.assert(
      fc.property(from("&lt;", "&gt;", "/", "a", "b1", "1", " ", "\n", "&", "x"), (text) => {
        expect(hasEscapedTag(text)).toBe(OLD.test(text));
      }),
      RUNS,
    );
  });

  it("sentence boundaries and glued items (sentences)", () => {
    const OLD_BOUNDARY = /([.!?]+)(["”’)]?)(\s*)(?=["“(]?[A-Z0-9])/g;
    const NEW_BOUNDARY = /(?<![.!?])([.!?]+)(["”’)]?)(\s*)(?=["“(]?[A-Z0-9])/g;
    const OLD_GLUED = /(?<=(?<![\p{L}])[a-z]{3,}|[)\]:])(?=[A-Z][a-z]{2,})/gu;
    // As in sentences.ts: the match is the capital after the cut, so that the expression scans for capitals.
    const NEW_GLUED = /[A-Z](?<=(?:(?<![\p{L}])[a-z]{3,}|[)\]:])[A-Z])(?=[a-z]{2})/gu;
    const all = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => [m.index, ...m]);
    const at = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => m.index);
    fc.assert(
      fc.property(from(".", "!", "?", '"', "”", ")", "]", ":", " ", "A", "Ab", "abc", "a", "Éa", "1", "(", "“"), (text) => {
        expect(all(NEW_BOUNDARY, text)).toEqual(all(OLD_BOUNDARY, text));
        expect(at(NEW_GLUED, text)).toEqual(at(OLD_GLUED, text));
        splitSentences(text, 0, text.length);
      }),
      RUNS,
    );
  });

  it("glued items in a record's field (fields)", () => {
    const OLD = /(?<=(?<![\p{L}])[a-z]{3,}|[.!?):])(?=[A-Z][a-z]{2,}|[A-Z]{2,}(?:[ &/][A-Z]{2,}){0,3}:)/gu;
    fc.assert(
      fc.property(from("abc", "a", "Ab", "AB", "A", " ", "&", "/", ":", ".", ")", "É"), (text) => {
        expect(unglue(text)).toBe(text.replace(OLD, "\n"));
      }),
      RUNS,
    );
  });

  it("words read character by character (tokenize)", () => {
    const WORD = /\p{N}+(?:[.,]\p{N}{3})*(?:\.\p{N}+)?(?![\p{L}])|[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu;
    fc.assert(
      fc.property(from("a", "B", "s", "é", "ǅ", "中", "1", "2", "²", "٣", ",", ".", "'", "’", " ", "%", "😀"), (text) => {
        const tokens = tokenize(text);
        const expected = [...text.matchAll(WORD)].map((m) => [m.index, m.index + m[0].length, m[0].toLowerCase().replace(/’/g, "'")]);
        expect(tokens.map((t) => [t.start, t.end, t.word])).toEqual(expected);
      }),
      RUNS,
    );
  });
});
