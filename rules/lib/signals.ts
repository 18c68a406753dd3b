import type { Knowledge } from "../../src/lexicon/knowledge.js";
import type { Match } from "../../src/lexicon/termset.js";
import type { PostingDocument, SectionKind, Sentence } from "../../src/model/document.js";
import type { Span } from "../../src/model/span.js";
import { isNegated, tokenSpan } from "../../src/judge/evidence.js";
import { tokenizeAll, type Token } from "../../src/text/tokenize.js";

/** Shared by the built-in rules: where a posting says something from rules/lexicons/rule-signals.yaml. */

export interface SignalHit {
  group: string;
  /** Index of the sentence in doc.sentences. */
  index: number;
  sentence: Sentence;
  section: SectionKind;
  /** The matched words. */
  span: Span;
  match: Match<string>;
}

/** The tokens of every sentence of a document, computed once per document. */
export function sentenceTokens(doc: PostingDocument): Token[][] {
  return tokenizeAll(doc.sentences);
}

/**
 * Every unnegated match of a rule-signals group outside the company profile, in document order.
 * Throws when the group is missing from loaded rule signals: a data error, not a quiet rule.
 */
export function findSignals(doc: PostingDocument, knowledge: Knowledge, group: string): SignalHit[] {
  if (!knowledge.ruleSignals) return [];
  const terms = knowledge.ruleSignals[group];
  if (!terms) throw new Error(`rules/lexicons/rule-signals.yaml has no group "${group}"`);
  const all = sentenceTokens(doc);
  const hits: SignalHit[] = [];
  doc.sentences.forEach((sentence, index) => {
    const section = doc.sections[sentence.section]?.kind ?? "other";
    if (section === "company") return;
    const tokens = all[index]!;
    for (const match of terms.matchBest(tokens)) {
      if (isNegated(knowledge, tokens, match.first)) continue;
      hits.push({ group, index, sentence, section, span: tokenSpan(tokens, match.first, match.last, sentence.span.start), match });
    }
  });
  return hits;
}

/** Sentence indexes holding a match of the group. */
export function sentencesWith(doc: PostingDocument, knowledge: Knowledge, group: string): Set<number> {
  return new Set(findSignals(doc, knowledge, group).map((h) => h.index));
}

/** The 1-based source line of a span. */
export function lineOf(doc: PostingDocument, span: Span): number {
  return doc.locator.locate(span).line;
}

/** "5, 7 and 9" (at most `max` numbers, then "and N more"). */
export function listLines(lines: number[], max = 6): string {
  const unique = [...new Set(lines)].sort((a, b) => a - b);
  const shown = unique.slice(0, max).map(String);
  if (unique.length > max) return `${shown.join(", ")} and ${unique.length - max} more`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}

/** Phrases as people read them: the matched text, quoted, deduplicated, in order. */
export function quoted(doc: PostingDocument, spans: Span[], max = 3): string {
  const seen: string[] = [];
  for (const s of spans) {
    const text = doc.text.slice(s.start, s.end).replace(/\s+/g, " ").trim();
    if (text && !seen.some((t) => t.toLowerCase() === text.toLowerCase())) seen.push(text);
  }
  const shown = seen.slice(0, max).map((t) => `"${t}"`);
  return seen.length > max ? `${shown.join(", ")}, ...` : shown.join(", ");
}

/** A list of strings as a rule option, falling back to the default. */
export function stringList(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : fallback;
}

/** A number as a rule option, falling back to the default. */
export function numberOption(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}
