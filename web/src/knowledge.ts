import type { Knowledge, KnowledgeSources, SourceFile } from "../../src/lexicon/knowledge.js";
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

/** The sources with their names and no text (whatever sources there are: each is a file or a list of files). */
export function textless(sources: KnowledgeSources): KnowledgeSources {
  const strip = (s: SourceFile): SourceFile => ({ file: s.file, text: "" });
  const entries = Object.entries(sources) as Array<[string, SourceFile | SourceFile[] | undefined]>;
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined).map(([k, v]) => [k, Array.isArray(v) ? v.map(strip) : strip(v!)])) as unknown as KnowledgeSources;
}

/** The embedded knowledge, ready to lint with; the stem table is used from now on. */
export function readEmbeddedKnowledge(embedded: EmbeddedKnowledge): Knowledge {
  useStemTable(embedded.stems);
  const knowledge = readSnapshot(embedded.snapshot, embedded.sources);
  if (!knowledge) throw new Error("the page's knowledge snapshot does not read back");
  return knowledge;
}
