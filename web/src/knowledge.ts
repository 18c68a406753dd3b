import type { Knowledge, KnowledgeSources } from "../../src/lexicon/knowledge.js";
import { readSnapshot } from "../../src/lexicon/snapshot.js";
import { useStemTable } from "../../src/text/stem.js";

/**
 * The knowledge the page carries, compiled at build time (tools/playground.ts) the way the CLI's snapshot is:
 * the page does not carry the YAML it is compiled from, so the snapshot is written against the sources' names
 * with empty texts, and read back against the same. The common words' stems come with it.
 */
export interface EmbeddedKnowledge {
  /** writeSnapshot(knowledge, textless(sources)). */
  snapshot: string;
  /** textless(sources): the names the snapshot was written against. */
  sources: KnowledgeSources;
  /** stemTableText(common words). */
  stems: string;
}

/** The sources with their names and no text. */
export function textless(sources: KnowledgeSources): KnowledgeSources {
  const strip = (s: { file: string }) => ({ file: s.file, text: "" });
  return {
    lexicons: sources.lexicons.map(strip),
    otherWork: strip(sources.otherWork),
    signals: strip(sources.signals),
    sections: strip(sources.sections),
    titles: strip(sources.titles),
    seniority: strip(sources.seniority),
    ...(sources.ruleSignals ? { ruleSignals: strip(sources.ruleSignals) } : {}),
    ...(sources.dutyModel ? { dutyModel: strip(sources.dutyModel) } : {}),
  };
}

/** The embedded knowledge, ready to lint with; the stem table is used from now on. */
export function readEmbeddedKnowledge(embedded: EmbeddedKnowledge): Knowledge {
  useStemTable(embedded.stems);
  const knowledge = readSnapshot(embedded.snapshot, embedded.sources);
  if (!knowledge) throw new Error("the page's knowledge snapshot does not read back");
  return knowledge;
}
