import { createHash } from "node:crypto";
import { matchedTogether, type Knowledge, type KnowledgeSources, type SourceFile } from "./knowledge.js";
import { TermSet } from "./termset.js";

/**
 * Knowledge compiled at build time: the YAML under rules/ stays the source of truth, and the build writes
 * what compiling it gives as JSON, which loads in a few milliseconds instead of a few hundred. A snapshot
 * names the digest of the sources it was compiled from, so a snapshot older than the YAML is never used.
 */
export interface KnowledgeSnapshot {
  format: 1;
  /** sha256 of the source texts, in the order of `sourceList`. */
  digest: string;
  /** The names the sources had when compiled: phrase origins ("file:line") are rewritten from these. */
  files: string[];
  knowledge: unknown;
}

const FORMAT = 1;
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

/** What identifies a set of sources: their texts, not their names (the names depend on the working folder). */
export function sourcesDigest(sources: KnowledgeSources): string {
  const hash = createHash("sha256");
  for (const s of sourceList(sources)) {
    hash.update(String(s.text.length));
    hash.update("\0");
    hash.update(s.text);
  }
  return hash.digest("hex");
}

/** The snapshot of knowledge compiled from `sources`, as JSON text. */
export function writeSnapshot(knowledge: Knowledge, sources: KnowledgeSources): string {
  const snapshot: KnowledgeSnapshot = {
    format: FORMAT,
    digest: sourcesDigest(sources),
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
  if (snapshot?.format !== FORMAT || snapshot.digest !== sourcesDigest(sources)) return null;
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
