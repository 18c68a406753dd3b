import { matchedTogether, type Knowledge, type KnowledgeSources, type SourceFile } from "./knowledge.js";
import { TermSet } from "./termset.js";

/**
 * Knowledge compiled at build time: the YAML under rules/ stays the source of truth, and the build writes
 * what compiling it gives as JSON, which loads in a few milliseconds instead of a few hundred. A snapshot
 * keeps the sources it was compiled from, so a snapshot older than the YAML is never used.
 */
export interface KnowledgeSnapshot {
  format: 3;
  /** The source texts it was compiled from, in the order of `sourceList` (see sourcesText). */
  sources: string;
  /** The names the sources had when compiled: phrase origins ("file:line") are rewritten from these. */
  files: string[];
  knowledge: unknown;
}

const FORMAT = 3;
const TERMSET = "$termset";

/** The sources in a fixed order. */
export function sourceList(sources: KnowledgeSources): SourceFile[] {
  return [
    ...sources.lexicons,
    sources.otherWork,
    sources.signals,
    sources.sections,
    sources.titles,
    sources.seniority,
    ...(sources.ruleSignals ? [sources.ruleSignals] : []),
  ];
}

/**
 * What identifies a set of sources: their texts, not their names (the names depend on the working folder).
 * The snapshot keeps the texts themselves: comparing strings is native and instant, where hashing them in
 * JavaScript at start-up took milliseconds and a digest library took as long to load.
 */
export function sourcesText(sources: KnowledgeSources): string {
  return sourceList(sources)
    .map((s) => `${s.text.length}\0${s.text}`)
    .join("\0");
}

/** The snapshot of knowledge compiled from `sources`, as JSON text. */
export function writeSnapshot(knowledge: Knowledge, sources: KnowledgeSources): string {
  const snapshot: KnowledgeSnapshot = {
    format: FORMAT,
    sources: sourcesText(sources),
    files: sourceList(sources).map((s) => s.file),
    knowledge,
  };
  return JSON.stringify(snapshot, (_key, value: unknown) => (value instanceof TermSet ? { [TERMSET]: value.terms } : value));
}

/**
 * The knowledge in a snapshot, when it was compiled from exactly these sources; null otherwise (the
 * caller then compiles the YAML). Phrase origins are renamed to the sources' current names.
 */
export function readSnapshot(json: string, sources: KnowledgeSources): Knowledge | null {
  let snapshot: KnowledgeSnapshot;
  try {
    snapshot = JSON.parse(json) as KnowledgeSnapshot;
  } catch {
    return null;
  }
  if (snapshot?.format !== FORMAT || snapshot.sources !== sourcesText(sources)) return null;
  const now = sourceList(sources).map((s) => s.file);
  const renamed = new Map<string, string>();
  snapshot.files.forEach((file, i) => {
    if (now[i] !== undefined && now[i] !== file) renamed.set(file, now[i]!);
  });
  return matchedTogether(revive(snapshot.knowledge, renamed) as Knowledge);
}

/** Rebuilds the term sets of parsed snapshot JSON, renaming origins. */
function revive(value: unknown, renamed: Map<string, string>): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i], renamed);
    return value;
  }
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  if (renamed.size > 0 && typeof obj.origin === "string" && typeof obj.tag !== "undefined") {
    const at = obj.origin.lastIndexOf(":");
    const file = renamed.get(obj.origin.slice(0, at));
    if (file !== undefined) obj.origin = file + obj.origin.slice(at);
  }
  if (Object.hasOwn(obj, TERMSET)) return new TermSet(revive(obj[TERMSET], renamed) as never[]);
  for (const key of Object.keys(obj)) obj[key] = revive(obj[key], renamed);
  return obj;
}
