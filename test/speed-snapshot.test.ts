import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { builtinRules } from "../rules/index.js";
import { readBuiltinSources } from "../src/cli/knowledge-files.js";
import { lintDocument, type LintSettings } from "../src/engine/linter.js";
import { DEFAULT_THRESHOLDS } from "../src/judge/thresholds.js";
import { compileKnowledge, type Knowledge } from "../src/lexicon/knowledge.js";
import { readSnapshot, sourcesText, writeSnapshot } from "../src/lexicon/snapshot.js";
import { TermSet } from "../src/lexicon/termset.js";
import { parsePostings } from "../src/parsers/index.js";

const sources = await readBuiltinSources();
const compiled = compileKnowledge(sources);
const json = writeSnapshot(compiled, sources);

function lintAll(knowledge: Knowledge): string {
  const settings: LintSettings = {
    knowledge,
    rules: builtinRules.map((rule) => ({ rule, severity: "warning" as const, options: {} })),
    thresholds: DEFAULT_THRESHOLDS,
  };
  const out: unknown[] = [];
  for (const name of ["account-executive.md", "content-marketer-not-sales.md", "customer-service-mailroom.md", "marketing-director-outbound.md"]) {
    const file = `fixtures/postings/${name}`;
    for (const doc of parsePostings(knowledge, readFileSync(file, "utf8"), file)) {
      if (doc instanceof Error) throw doc;
      out.push(lintDocument(doc, file, settings));
    }
  }
  return JSON.stringify(out);
}

describe("the knowledge snapshot (dist/knowledge.snapshot)", () => {
  it("reads back as exactly what compiling the YAML gives", () => {
    const back = readSnapshot(json, sources);
    expect(back).not.toBeNull();
    expect(writeSnapshot(back!, sources)).toBe(json);
    expect(back!.families).toBeInstanceOf(TermSet);
    expect(Object.keys(back!).sort()).toEqual(Object.keys(compiled).sort());
  });

  it("lints exactly as the compiled YAML does", () => {
    expect(lintAll(readSnapshot(json, sources)!)).toBe(lintAll(compiled));
  });

  it("is refused once the YAML changes, so the YAML stays the source of truth", () => {
    const edited = { ...sources, signals: { ...sources.signals, text: `${sources.signals.text}\n# edited\n` } };
    expect(sourcesText(edited)).not.toBe(sourcesText(sources));
    expect(readSnapshot(json, edited)).toBeNull();
    expect(readSnapshot("not json", sources)).toBeNull();
  });

  it("names phrase origins by the sources' current names", () => {
    const moved = { ...sources, lexicons: sources.lexicons.map((s) => ({ ...s, file: `elsewhere/${s.file}` })) };
    const back = readSnapshot(json, moved)!;
    const origin = back.families.terms[0]!.origin;
    expect(origin.startsWith("elsewhere/")).toBe(true);
    expect(origin.slice("elsewhere/".length)).toBe(compiled.families.terms[0]!.origin);
  });

  it("renames the origins of phrases outside the phrase sets too (title rules)", () => {
    const moved = { ...sources, titles: { ...sources.titles, file: `elsewhere/${sources.titles.file}` } };
    const back = readSnapshot(json, moved)!;
    expect(back.titles.classify.length).toBeGreaterThan(0);
    back.titles.classify.forEach((rule, i) => expect(rule.term.origin).toBe(`elsewhere/${compiled.titles.classify[i]!.term.origin}`));
    // Only the moved file's phrases are renamed.
    expect(back.families.terms[0]!.origin).toBe(compiled.families.terms[0]!.origin);
  });
});
