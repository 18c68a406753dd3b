import { describe, expect, it } from "vitest";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { readFileSync } from "node:fs";
import { readBuiltinSources } from "../src/cli/knowledge-files.js";
import { compileKnowledge, type Knowledge } from "../src/lexicon/knowledge.js";
import { TermSet } from "../src/lexicon/termset.js";
import { classifyHeading } from "../src/model/build.js";
import { parsePostings } from "../src/parsers/index.js";
import { BoundedCache } from "../src/text/bounded-cache.js";
import { tokenize } from "../src/text/tokenize.js";

const knowledge = compileKnowledge(await readBuiltinSources());

/** Every phrase set of the knowledge, by where it is found. */
function termSets(k: Knowledge): Array<[string, TermSet<unknown>]> {
  const found: Array<[string, TermSet<unknown>]> = [];
  const walk = (value: unknown, path: string) => {
    if (value instanceof TermSet) found.push([path, value]);
    else if (value && typeof value === "object") for (const [key, v] of Object.entries(value)) walk(v, `${path}.${key}`);
  };
  walk(k, "knowledge");
  return found;
}

const sentences = ["account-executive.md", "marketing-director-outbound.md", "content-marketer-not-sales.md", "sales-and-marketing-manager.md"].flatMap((name) => {
  const file = `fixtures/postings/${name}`;
  return [...parsePostings(knowledge, readFileSync(file, "utf8"), file)].flatMap((doc) => (doc instanceof Error ? [] : doc.sentences));
});

describe("BoundedCache", () => {
  it("keeps entries in use across generations and forgets the rest", () => {
    const cache = new BoundedCache<string, number>(3);
    cache.set("often", 1);
    for (let i = 0; i < 20; i++) {
      cache.set(`once-${i}`, i);
      expect(cache.get("often")).toBe(1);
    }
    expect(cache.get("once-0")).toBeUndefined();
    expect(cache.get("once-19")).toBe(19);
  });

  it("holds at most twice its limit", () => {
    const cache = new BoundedCache<number, number>(5);
    for (let i = 0; i < 100; i++) cache.set(i, i);
    const kept = Array.from({ length: 100 }, (_, i) => cache.get(i)).filter((v) => v !== undefined);
    expect(kept.length).toBeLessThanOrEqual(10);
    expect(kept).toContain(99);
  });
});

describe("phrase sets matched in one pass", () => {
  it("finds for each set exactly what the set finds alone, in the same order", () => {
    const sets = termSets(knowledge);
    expect(sets.length).toBeGreaterThan(10);
    let matches = 0;
    for (const s of sentences) {
      const tokens = tokenize(s.text);
      for (const [path, set] of sets) {
        const together = set.matchAll(tokens);
        expect(together, `${path} on "${s.text}"`).toEqual(set.scan(tokens));
        matches += together.length;
      }
    }
    expect(matches).toBeGreaterThan(50);
  });

  it("reads phrases in a slice of a sentence as matches that lie wholly inside it", () => {
    // isNegated and the owner check ask for matches before a word; the pass answers for the whole sentence.
    const cues = knowledge.negation.cues;
    const tokens = tokenize("No cold calling, and we do not sell door to door.");
    for (let from = 0; from < tokens.length; from++) {
      for (let to = from + 1; to <= tokens.length; to++) {
        const inSlice = cues.scan(tokens.slice(from, to)).map((m) => [m.first + from, m.last + from]);
        const inside = cues.matchAll(tokens).filter((m) => m.first >= from && m.last < to).map((m) => [m.first, m.last]);
        expect(inside).toEqual(inSlice);
      }
    }
  });
});

describe("tokens of a repeated sentence", () => {
  it("are read once and shared, with positions within the sentence", () => {
    const text = "Make 50 outbound calls a day to new prospects.";
    const tokens = tokenize(text);
    expect(tokenize(text)).toBe(tokens);
    expect(tokens.map((t) => text.slice(t.start, t.end).toLowerCase())).toEqual(tokens.map((t) => t.word));
    expect(tokenize("Make 50 outbound calls a day to new clients.")).not.toBe(tokens);
  });
});

describe("memos", () => {
  it("keep no reference to the postings their sentences and words come from", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100; i++) {
      // A 1 MB posting whose last sentence (and its long words) the memos keep.
      const posting = `${"filler text ".repeat(90_000)}Outstandingcommunication${i} and extraordinaryresponsibilities${i} matter.`;
      const sentence = posting.slice(posting.lastIndexOf("Outstanding"));
      tokenize(sentence);
      classifyHeading(knowledge, sentence);
    }
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(30 * 1024 * 1024);
  });
});
