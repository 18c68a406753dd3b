import { matchedTogether, type Knowledge, type KnowledgeSources, type SourceFile } from "./knowledge.js";
import { TermSet } from "./termset.js";
import { languageSourceList } from "./language.js";

/**
 * Knowledge compiled at build time: the YAML under rules/ stays the source of truth, and the build writes
 * what compiling it gives, which loads in a few milliseconds instead of a few hundred. A snapshot keeps the
 * sources it was compiled from, so a snapshot older than the YAML is never used.
 *
 * The text is a header line (JSON), then the sources' text as is (compared piece by piece, never parsed), then
 * the knowledge as JSON, its phrase sets listed apart with the place each stands: reading it back puts the sets
 * in place without walking the thousands of objects inside them.
 */
interface SnapshotHeader {
  format: 4;
  /** The names the sources had when compiled: phrase origins ("file:line") are rewritten from these. */
  files: string[];
  /** The length of the sources' text after the header line (see sourcesText). */
  sourcesLength: number;
}

interface SnapshotBody {
  knowledge: unknown;
  /** Each phrase set: where it stands in the knowledge (keys and indexes), and its phrases. */
  termSets: Array<{ at: Path; terms: unknown[] }>;
  /** Where phrases stand outside the sets (title rules hold one each). */
  looseTerms: Path[];
}

type Path = Array<string | number>;
type Tree = Record<string | number, unknown>;

const FORMAT = 4;

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
    ...(sources.dutyModel ? [sources.dutyModel] : []),
    ...languageSourceList(sources),
  ];
}

/**
 * What identifies a set of sources: their texts, not their names (the names depend on the working folder).
 * The snapshot keeps the texts themselves: comparing strings is native and instant, where hashing them in
 * JavaScript at start-up took milliseconds and a digest library took as long to load.
 */
export function sourcesText(sources: KnowledgeSources): string {
  return sourcePieces(sources).join("");
}

/** sourcesText in pieces: each source's length, then its text, separated by NULs. */
function sourcePieces(sources: KnowledgeSources): string[] {
  return sourceList(sources).flatMap((s, i) => [`${i > 0 ? "\0" : ""}${s.text.length}\0`, s.text]);
}

/** The snapshot of knowledge compiled from `sources`, as text. */
export function writeSnapshot(knowledge: Knowledge, sources: KnowledgeSources): string {
  const termSets: SnapshotBody["termSets"] = [];
  const looseTerms: Path[] = [];
  const skeleton = (value: unknown, at: Path): unknown => {
    if (value instanceof TermSet) {
      termSets.push({ at, terms: value.terms });
      return null;
    }
    if (Array.isArray(value)) return value.map((v, i) => skeleton(v, [...at, i]));
    if (value === null || typeof value !== "object") return value;
    if (isTerm(value)) looseTerms.push(at);
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, skeleton(v, [...at, key])]));
  };
  const body: SnapshotBody = { knowledge: skeleton(knowledge, []), termSets, looseTerms };
  const text = sourcesText(sources);
  const header: SnapshotHeader = { format: FORMAT, files: sourceList(sources).map((s) => s.file), sourcesLength: text.length };
  return `${JSON.stringify(header)}\n${text}${JSON.stringify(body)}`;
}

/**
 * The knowledge in a snapshot, when it was compiled from exactly these sources; null otherwise (the
 * caller then compiles the YAML). Phrase origins are renamed to the sources' current names.
 */
export function readSnapshot(snapshot: string, sources: KnowledgeSources): Knowledge | null {
  const headerEnd = snapshot.indexOf("\n");
  let header: SnapshotHeader;
  let body: SnapshotBody;
  try {
    header = JSON.parse(snapshot.slice(0, headerEnd)) as SnapshotHeader;
    if (header?.format !== FORMAT) return null;
    const end = headerEnd + 1 + header.sourcesLength;
    if (!sameSources(snapshot, headerEnd + 1, end, sources)) return null;
    body = JSON.parse(snapshot.slice(end)) as SnapshotBody;
  } catch {
    return null;
  }
  const rename = renamer(header.files, sourceList(sources));
  const knowledge = body.knowledge as Tree;
  for (const { at, terms } of body.termSets) {
    if (rename) for (const term of terms as Array<{ origin: string }>) term.origin = rename(term.origin);
    parentOf(knowledge, at)[at[at.length - 1]!] = new TermSet(terms as never[]);
  }
  if (rename) {
    for (const at of body.looseTerms) {
      const term = parentOf(knowledge, at)[at[at.length - 1]!] as { origin: string };
      term.origin = rename(term.origin);
    }
  }
  return matchedTogether(knowledge as unknown as Knowledge);
}

function parentOf(tree: Tree, at: Path): Tree {
  let parent = tree;
  for (let i = 0; i < at.length - 1; i++) parent = parent[at[i]!] as Tree;
  return parent;
}

/** A phrase with its origin (see Term). */
function isTerm(value: object): boolean {
  return "phrase" in value && typeof (value as { origin?: unknown }).origin === "string";
}

/** Whether snapshot[start, end) is sourcesText(sources), compared piece by piece without building that text. */
function sameSources(snapshot: string, start: number, end: number, sources: KnowledgeSources): boolean {
  let at = start;
  for (const piece of sourcePieces(sources)) {
    if (snapshot.slice(at, at + piece.length) !== piece) return false;
    at += piece.length;
  }
  return at === end;
}

/** Rewrites an origin ("file:line") from the name its file had when compiled to its name now; null if none moved. */
function renamer(then: string[], now: SourceFile[]): ((origin: string) => string) | null {
  const renamed = new Map<string, string>();
  then.forEach((file, i) => {
    if (now[i] !== undefined && now[i].file !== file) renamed.set(file, now[i].file);
  });
  if (renamed.size === 0) return null;
  return (origin) => {
    const at = origin.lastIndexOf(":");
    const file = renamed.get(origin.slice(0, at));
    return file === undefined ? origin : file + origin.slice(at);
  };
}
