import { existsSync, readFileSync } from "node:fs";
import porter from "natural/lib/natural/stemmers/porter_stemmer.js";
import { afterEach, describe, expect, it } from "vitest";
import { readCommonWords, stemTablePath } from "../src/cli/knowledge-files.js";
import { stem, stemTableText, useStemTable } from "../src/text/stem.js";

const natural = (w: string) => (porter as { stem(w: string): string }).stem(w);

describe("the stem table (common words stemmed at build time)", () => {
  afterEach(() => useStemTable(""));

  it("is consulted before the stemmer, and words not in it are stemmed as they come", () => {
    // A table whose entry for a made-up word says something the stemmer never would.
    useStemTable(stemTableText(["zqxwording"]).replace("=zqxword", "=from-the-table"));
    expect(stem("zqxwording")).toBe("from-the-table");
    expect(stem("zqxplanning")).toBe(natural("zqxplanning"));
  });

  it("gives the stemmer's stems for its words", () => {
    const words = ["marketing", "campaigns", "prospecting", "negotiation", "generalization", "quotas"];
    useStemTable(stemTableText(words.map((w) => `${w}x`)));
    for (const w of words) expect(stem(`${w}x`)).toBe(natural(`${w}x`));
  });

  it("leaves out words it cannot hold, which are then stemmed as they come", () => {
    const text = stemTableText(["zqxcafés", "zqxa|b", "zqxa=b", "zqxplain"]);
    expect(text).toContain("|zqxplain=");
    expect(text).not.toMatch(/caf|zqxa\|b|zqxa=b/);
    useStemTable(text);
    expect(stem("zqxcafés")).toBe(natural("zqxcafés"));
  });

  it("is ignored when its text has another shape", () => {
    useStemTable("|zqxthing=nonsense");
    expect(stem("zqxthing")).toBe(natural("zqxthing"));
  });

  // The built table must agree with the stemmer installed, word for word.
  it.skipIf(!existsSync(stemTablePath()))("built (dist/stems.txt): every entry is the stemmer's stem of a common word", () => {
    const text = readFileSync(stemTablePath(), "utf8");
    const entries = text.split("\n").flatMap((bucket) => bucket.split("|").filter(Boolean).map((e) => e.split("=") as [string, string]));
    expect(entries.length).toBeGreaterThan(1000);
    for (const [word, stemmed] of entries) expect(stemmed, word).toBe(natural(word));
    expect(new Set(entries.map(([w]) => w))).toEqual(new Set(readCommonWords()));
  });
});
