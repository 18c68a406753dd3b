import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { Knowledge } from "../../src/lexicon/knowledge.js";
import { compilePhrase } from "../../src/lexicon/phrase.js";
import { TermSet, type Term } from "../../src/lexicon/termset.js";
import type { SectionKind } from "../../src/model/document.js";

/**
 * What the parsers use of jdlint's knowledge: the section headings alone. Compiled from rules/sections.yaml only,
 * so that parser tests do not depend on the lexicon and title files.
 */
export function sectionsKnowledge(): Knowledge {
  const file = "rules/sections.yaml";
  const { headings } = parseYaml(readFileSync(file, "utf8")) as { headings: Record<SectionKind, Array<string | { phrase: string; gap?: number }>> };
  const terms: Term<SectionKind>[] = Object.entries(headings).flatMap(([kind, list]) =>
    list.map((entry) => ({
      phrase: typeof entry === "string" ? compilePhrase(entry) : compilePhrase(entry.phrase, entry.gap),
      tag: kind as SectionKind,
      weight: 1,
      origin: file,
    })),
  );
  return { sections: { headings: new TermSet(terms) } } as unknown as Knowledge;
}
