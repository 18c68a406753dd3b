import type { ListTag } from "../../src/lexicon/language.js";
import type { Knowledge } from "../../src/lexicon/knowledge.js";
import type { Match, TermSet } from "../../src/lexicon/termset.js";
import type { PostingDocument, SectionKind, Sentence } from "../../src/model/document.js";
import type { Span } from "../../src/model/span.js";
import { describesEmployer, isNegated, tokenSpan } from "../../src/judge/evidence.js";
import type { Token } from "../../src/text/tokenize.js";
import { sentenceTokens } from "./signals.js";

/** Shared by the language rules: where a posting uses the words of a language file, read as the title check reads evidence. */

export interface LanguageHit {
  tag: ListTag;
  /** Index of the sentence in doc.sentences. */
  index: number;
  sentence: Sentence;
  /** The sentence's section; "company" also for a line whose subject is the employer, wherever it stands. */
  section: SectionKind;
  span: Span;
  match: Match<ListTag>;
  tokens: readonly Token[];
}

/** A sentence as the language rules read it. */
export interface LanguageLine {
  index: number;
  sentence: Sentence;
  section: SectionKind;
  tokens: readonly Token[];
  /** Every match of the set in the line, negated and quoted ones included. */
  matches: readonly Match<ListTag>[];
  /** The file's context set, matched on this line when first asked (see contextOf). */
  contextSet: TermSet<ListTag> | null;
  contextMatches?: readonly Match<ListTag>[];
}

/** The matches of the file's context set in a line, worked out the first time a rule asks. */
export function contextOf(line: LanguageLine): readonly Match<ListTag>[] {
  if (line.contextMatches === undefined) line.contextMatches = line.contextSet ? line.contextSet.matchAll(line.tokens) : [];
  return line.contextMatches;
}

const QUOTE_PAIRS: Record<string, string> = { '"': '"', "“": "”", "„": "“", "«": "»", "‘": "’", "'": "'" };
const LETTER = /[\p{L}\p{N}]/u;
/** A character that may open a quotation (see QUOTE_PAIRS). */
const QUOTE_MARK = /["“„«‘']/;
/** The same, to step from one mark to the next (quotedRanges sets its lastIndex). */
const QUOTE_MARKS = new RegExp(QUOTE_MARK.source, "g");

/**
 * The parts of a text inside quotation marks: quoted speech or a quoted phrase is someone else's words, not the
 * posting's. A single quote opens only after a space or the start and before a letter, and closes only before a
 * space or punctuation, so the apostrophes of "don't" and "the UK's" open nothing.
 */
export function quotedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  QUOTE_MARKS.lastIndex = 0;
  for (let found = QUOTE_MARKS.exec(text); found !== null; found = QUOTE_MARKS.exec(text)) {
    const i = found.index;
    const open = text[i]!;
    const close = QUOTE_PAIRS[open]!;
    const single = open === "'" || open === "‘";
    if (single && ((i > 0 && LETTER.test(text[i - 1]!)) || !LETTER.test(text[i + 1] ?? ""))) continue;
    let end = text.indexOf(close, i + 1);
    while (single && end >= 0 && LETTER.test(text[end + 1] ?? "")) end = text.indexOf(close, end + 1);
    if (end < 0) continue;
    out.push([i, end]);
    QUOTE_MARKS.lastIndex = end + 1;
  }
  return out;
}

let lastQuoted: { text: string; ranges: Array<[number, number]> } = { text: "", ranges: [] };

/** True when the tokens first..last lie inside quotation marks. */
export function isQuoted(text: string, tokens: readonly Token[], first: number, last: number): boolean {
  if (!QUOTE_MARK.test(text)) return false;
  const from = tokens[first]!.start;
  const to = tokens[last]!.end;
  // A line's matches are asked about one after another: its ranges are worked out once.
  if (lastQuoted.text !== text) lastQuoted = { text, ranges: quotedRanges(text) };
  return lastQuoted.ranges.some(([a, b]) => a < from && to <= b);
}

/** A set's lines of a posting: those it matches, made for every call, and every line, made when a rule asks. */
interface SetLines {
  matching: LanguageLine[];
  all?: LanguageLine[];
}
const lineCache = new WeakMap<PostingDocument, Map<TermSet<ListTag>, SetLines>>();

/** Whether the employer is the subject of each sentence (0 not read yet, 1 no, 2 yes), under which knowledge. */
const employerCache = new WeakMap<PostingDocument, { knowledge: Knowledge; subject: Uint8Array }>();

/** A sentence's section; "company" also for a line whose subject is the employer, wherever it stands. */
function sectionOf(doc: PostingDocument, index: number, tokens: readonly Token[], knowledge: Knowledge): SectionKind {
  const kind = doc.sections[doc.sentences[index]!.section]?.kind ?? "other";
  if (kind === "company") return "company";
  let read = employerCache.get(doc);
  if (read?.knowledge !== knowledge) employerCache.set(doc, (read = { knowledge, subject: new Uint8Array(doc.sentences.length) }));
  if (read.subject[index] === 0) read.subject[index] = describesEmployer(knowledge, tokens as Token[]) ? 2 : 1;
  return read.subject[index] === 2 ? "company" : kind;
}

/**
 * The posting's distinct lines, matching or all (boards repeat paragraphs: a repeated line is no new finding).
 * The tokenizer hands out one token array per text, so a repeated line comes back as the same array.
 */
function linesOf(doc: PostingDocument, knowledge: Knowledge, set: TermSet<ListTag>, context: TermSet<ListTag> | null, matchingOnly: boolean, made: LanguageLine[] = []): LanguageLine[] {
  const all = sentenceTokens(doc);
  const seen = new Set<readonly Token[]>();
  const lines: LanguageLine[] = [];
  let next = 0;
  for (let index = 0; index < all.length; index++) {
    const tokens = all[index]!;
    if (tokens.length === 0) continue;
    const matches = set.matchAll(tokens);
    // Lines without a match are left out first: a repeat of such a line has no match either.
    if (matchingOnly && matches.length === 0) continue;
    if (seen.has(tokens)) continue;
    seen.add(tokens);
    if (made[next]?.index === index) lines.push(made[next++]!);
    else lines.push({ index, sentence: doc.sentences[index]!, section: sectionOf(doc, index, tokens, knowledge), tokens, matches, contextSet: context });
  }
  return lines;
}

function setLines(doc: PostingDocument, knowledge: Knowledge, set: TermSet<ListTag>, context: TermSet<ListTag> | null): SetLines {
  let bySet = lineCache.get(doc);
  if (!bySet) lineCache.set(doc, (bySet = new Map()));
  let lines = bySet.get(set);
  // Most lines hold no word of a language file: only the ones that do are made up front.
  if (!lines) bySet.set(set, (lines = { matching: linesOf(doc, knowledge, set, context, true) }));
  return lines;
}

/** The posting's distinct lines where the set finds something, worked out once per document and set. */
export function languageLines(doc: PostingDocument, knowledge: Knowledge, set: TermSet<ListTag>, context: TermSet<ListTag> | null = null): LanguageLine[] {
  return setLines(doc, knowledge, set, context).matching;
}

/**
 * Every distinct line of the posting, for a rule that reads the lines around a find or the context words of the
 * whole posting; the lines of languageLines are the same objects among them.
 */
export function allLanguageLines(doc: PostingDocument, knowledge: Knowledge, set: TermSet<ListTag>, context: TermSet<ListTag> | null = null): LanguageLine[] {
  const lines = setLines(doc, knowledge, set, context);
  return (lines.all ??= linesOf(doc, knowledge, set, context, false, lines.matching));
}

/** A line of languageLines and the `count` distinct lines after it. */
export function lineAndNext(doc: PostingDocument, knowledge: Knowledge, set: TermSet<ListTag>, context: TermSet<ListTag> | null, line: LanguageLine, count: number): LanguageLine[] {
  const all = allLanguageLines(doc, knowledge, set, context);
  const at = all.indexOf(line);
  return at < 0 ? [line] : all.slice(at, at + 1 + count);
}

/** The line's matches of list `g` (in `from`: the set's, or contextOf), neither negated nor quoted, overlapping ones reduced to the longest. */
export function hitsIn(line: LanguageLine, knowledge: Knowledge, g: string, from: readonly Match<ListTag>[] = line.matches): LanguageHit[] {
  // Most lines hold no match of the list: nothing is made for them.
  let found: Match<ListTag>[] | null = null;
  for (const m of from) {
    if (m.term.tag.g !== g || isNegated(knowledge, line.tokens as Token[], m.first) || isQuoted(line.sentence.text, line.tokens, m.first, m.last)) continue;
    (found ??= []).push(m);
  }
  if (found === null) return [];
  let kept = found;
  if (found.length > 1) {
    const ranked = found.slice().sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
    kept = [];
    for (const m of ranked) if (!kept.some((k) => m.first <= k.last && k.first <= m.last)) kept.push(m);
    kept.sort((a, b) => a.first - b.first);
  }
  return kept.map((match) => ({
    tag: match.term.tag,
    index: line.index,
    sentence: line.sentence,
    section: line.section,
    span: tokenSpan(line.tokens as Token[], match.first, match.last, line.sentence.span.start),
    match,
    tokens: line.tokens,
  }));
}

/** Whether the line holds a match of list `g` (for entry `i`, when given; in `from`), negated or not. */
export function lineHas(line: LanguageLine, g: string, i?: number, from: readonly Match<ListTag>[] = line.matches): boolean {
  return from.some((m) => m.term.tag.g === g && (i === undefined || m.term.tag.i === i));
}

/** Whether the line's context matches hold list `g` (for entry `i`, when given). */
export function contextHas(line: LanguageLine, g: string, i?: number): boolean {
  return lineHas(line, g, i, contextOf(line));
}

/** The matched words as written. */
export function wordsOf(doc: PostingDocument, span: Span): string {
  return doc.text.slice(span.start, span.end).replace(/\s+/g, " ").trim();
}
