import type { PostingDocument, SectionKind } from "../model/document.js";
import type { Span } from "../model/span.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import type { ListTag, PayKnowledge, Period } from "../lexicon/language.js";
import type { Match } from "../lexicon/termset.js";
import { tokenize, tokenizeAll, type Token } from "../text/tokenize.js";
import { isNegated } from "./evidence.js";

/**
 * The pay a posting states: every figure with a currency ("$55,000-$70,000 a year", "£12.50/hour", "KES 40,000
 * per month"), and the words that say how the pay is built (base, OTE, commission only, uncapped earnings,
 * "competitive salary"). Read from rules/lexicons/pay.yaml; pure.
 */

/** What a figure pays for: a fixed wage or salary, on-target earnings, or commission alone. */
export type PayBasis = "base" | "ote" | "commission";

export interface PayFigure {
  min: number;
  max: number;
  /** ISO 4217 code. */
  currency: string;
  /** As stated, or "year" assumed for a salary figure without one (see pay.yaml's yearly_from); null if unknown. */
  period: Period | null;
  basis: PayBasis;
  /** The figure's text in the document ("$55,000-$70,000 a year" without the period words). */
  span: Span;
  /** Index of its sentence in doc.sentences. */
  sentence: number;
}

export type PayCueKind = "base" | "ote" | "commission_only" | "uncapped" | "vague";

/** A phrase about how pay is built, not negated. */
export interface PayCue {
  kind: PayCueKind;
  span: Span;
  sentence: number;
  section: SectionKind;
}

export interface PayFacts {
  figures: PayFigure[];
  /** The figure a result reports: the first base pay with a period, else the first base pay, OTE, commission. */
  pay: PayFigure | null;
  cues: PayCue[];
}

const NONE: PayFacts = { figures: [], pay: null, cues: [] };
/** How many tokens before or after a figure its period, basis or non-pay words may stand. */
const PERIOD_AFTER = 3;
const PERIOD_BEFORE = 3;
const BASIS_REACH = 4;
/** How many lines after a line about pay a figure may stand without pay words of its own. */
const PAY_CONTEXT_LINES = 4;
/** Words that make a figure no pay stand closer before it ("raised $20m") than after ("$150/month wifi/phone reimbursement"). */
const NOT_PAY_BEFORE = 5;
const NOT_PAY_AFTER = 5;
/**
 * What may stand between two figures that make one range across a sentence break or a repeated currency:
 * "$150k - $210k", "EUR 78,000 - EUR 93,000", "$153,000 USD and $207,000", "$111,000/year** to **$185,000".
 */
const RANGE_GAP = /^[\s*_]*(?:\/\s*[a-z]+)?[\s*_]*(?:[A-Z]{3}\s*)?(?:\\?[-–—~]|to|and)[\s*_]*(?:[A-Z]{3}\s?)?$/;
/** The largest believable amount per period, in any currency: above it a figure is not someone's pay. */
const MAX_AMOUNT: Record<Period, number> = { hour: 5_000, day: 50_000, week: 500_000, month: 5_000_000, year: 100_000_000 };

interface Patterns {
  /** A figure or a range: symbol, number, k/m, symbol; then perhaps a separator and another. */
  amount: RegExp;
  /** A currency symbol: lines without one or a currency word are not searched. */
  symbolStart: RegExp;
  bySymbol: Map<string, string>;
}

const patternCache = new WeakMap<PayKnowledge, Patterns>();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The expressions a pay knowledge's symbols make, built once per knowledge (they cannot live in the snapshot). */
function patternsOf(pay: PayKnowledge): Patterns {
  let p = patternCache.get(pay);
  if (!p) {
    const symbols = pay.symbols.map((s) => escape(s.symbol)).join("|") || "(?!)";
    // 55,000 | 55.000 | 55 000 | 1,00,000 (Indian grouping) | 12.50 | 55
    const num = String.raw`\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:[,. \u00a0\u202f]\d{3})+(?:\.\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
    const single = String.raw`(?:(${symbols})\s?)?(${num})(?:\s?([kKmM])(?![\p{L}\d]))?(?:\s?(${symbols}))?`;
    const amount = new RegExp(String.raw`(?<![\p{L}\d.,])${single}(?:\s*(?:-|–|—|~|to|and)\s*${single})?(?![\d])`, "gu");
    // "US$" is found by its "$": a capital letter alone would send nearly every line to the figure search.
    const marks = [...new Set(pay.symbols.map((s) => (/[^\p{L}]/u.test(s.symbol) ? s.symbol.replace(/\p{L}/gu, "") : s.symbol)))];
    // The one-character marks as one character class: every line is tested, and a class is read fastest.
    const oneChar = marks.filter((m) => [...m].length === 1).map((m) => m.replace(/[\]\\^-]/g, "\\$&"));
    const longer = marks.filter((m) => [...m].length !== 1).map(escape);
    const alternatives = [...(oneChar.length ? [`[${oneChar.join("")}]`] : []), ...longer];
    p = { amount, symbolStart: new RegExp(alternatives.join("|") || "(?!)", "u"), bySymbol: new Map(pay.symbols.map((s) => [s.symbol, s.code])) };
    patternCache.set(pay, p);
  }
  return p;
}

/** "55,000" -> 55000, "55.000" -> 55000 (dots as thousands), "12.50" -> 12.5, "1,00,000" -> 100000. */
export function parseAmount(text: string, suffix: string | undefined): number {
  let t = text.replace(/[ \u00a0\u202f]/g, ",");
  if (/^\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, "");
  else if (/^\d+,\d{1,2}$/.test(t)) t = t.replace(",", ".");
  else t = t.replace(/,/g, "");
  const n = Number(t);
  const scale = suffix === "k" || suffix === "K" ? 1_000 : suffix === "m" || suffix === "M" ? 1_000_000 : 1;
  return n * scale;
}

/** Index of the last token ending at or before `from`, and of the first starting at or after `to`. */
function tokensAround(tokens: readonly Token[], from: number, to: number): { before: number; after: number } {
  let before = -1;
  let after = tokens.length;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.end <= from) before = i;
    if (t.start >= to) {
      after = i;
      break;
    }
  }
  return { before, after };
}

const cache = new WeakMap<PostingDocument, { knowledge: Knowledge; facts: PayFacts }>();

/** The pay facts of a document, worked out once per document and knowledge. */
export function payFacts(doc: PostingDocument, knowledge: Knowledge): PayFacts {
  const pay = knowledge.language?.pay;
  if (!pay) return NONE;
  const hit = cache.get(doc);
  if (hit && hit.knowledge === knowledge) return hit.facts;
  const facts = readPay(doc, knowledge, pay);
  cache.set(doc, { knowledge, facts });
  return facts;
}

/** A line pay may be stated on: a sentence, or a heading or the title ("Salary: £30k - £35k"), which are no sentences. */
interface PayLine {
  text: string;
  start: number;
  /** Index in doc.sentences, or -1 for a heading or the title. */
  sentence: number;
  section: number;
}

function payLines(doc: PostingDocument): PayLine[] {
  const extra: PayLine[] = [];
  if (doc.titleSpan) extra.push({ text: doc.text.slice(doc.titleSpan.start, doc.titleSpan.end), start: doc.titleSpan.start, sentence: -1, section: -1 });
  doc.sections.forEach((sec, i) => {
    if (sec.headingSpan) extra.push({ text: doc.text.slice(sec.headingSpan.start, sec.headingSpan.end), start: sec.headingSpan.start, sentence: -1, section: i });
  });
  extra.sort((a, b) => a.start - b.start);
  // The sentences are in document order: the few headings are merged in, a sentence first where both start together.
  const sentences = doc.sentences;
  const lines: PayLine[] = new Array<PayLine>(sentences.length + extra.length);
  let e = 0;
  let k = 0;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!;
    while (e < extra.length && extra[e]!.start < s.span.start) lines[k++] = extra[e++]!;
    lines[k++] = { text: s.text, start: s.span.start, sentence: i, section: s.section };
  }
  while (e < extra.length) lines[k++] = extra[e++]!;
  return lines;
}

function readPay(doc: PostingDocument, knowledge: Knowledge, pay: PayKnowledge): PayFacts {
  const patterns = patternsOf(pay);
  const figures: PayFigure[] = [];
  const cues: PayCue[] = [];
  const lines = payLines(doc);
  const sentenceTokens = tokenizeAll(doc.sentences);
  const tokensOf = (line: PayLine) => (line.sentence >= 0 ? sentenceTokens[line.sentence]! : tokenize(line.text));
  // Most postings hold no currency symbol at all: then no line need be searched for one.
  const mayHaveSymbol = patterns.symbolStart.test(doc.text);
  // The context words (periods, pay words, non-pay words) are read only on the lines a figure may stand on, and on
  // the lines before them: most lines hold no currency.
  const contextCache = new Map<number, readonly Match<ListTag>[]>();
  const contextAt = (n: number) => {
    let found = contextCache.get(n);
    if (found === undefined) contextCache.set(n, (found = pay.context.matchAll(tokensOf(lines[n]!))));
    return found;
  };
  const hasPayWord = (n: number) => contextAt(n).some((m) => m.term.tag.g === "pay_word");
  // A figure whose period stands alone on the next line ("£81,764" then "per year").
  let pending: PayFigure[] = [];
  let pendingLine = -1;
  const headingPay = new Map<number, boolean>();
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const tokens = tokensOf(line);
    const matches = pay.set.matchAll(tokens);
    if (pending.length && pendingLine === n - 1) {
      const leading = contextAt(n).find((m) => m.term.tag.g === "period" && m.first <= 1);
      if (leading) for (const f of pending) if (f.max <= MAX_AMOUNT[leading.term.tag.v as Period]) figures.push({ ...f, period: leading.term.tag.v as Period });
    }
    if (pending.length) pending = [];
    const section = doc.sections[line.section];
    const kind = section?.kind ?? "other";
    let hasCurrencyWord = false;
    for (const m of matches) {
      if (m.term.tag.g === "currency") hasCurrencyWord = true;
      else if (m.term.tag.g === "basis" && !isNegated(knowledge, tokens as Token[], m.first)) {
        const span = { start: line.start + tokens[m.first]!.start, end: line.start + tokens[m.last]!.end };
        // Two phrases of one kind over the same words ("on target earnings", "target earnings") are one cue.
        if (cues.some((c) => c.kind === m.term.tag.v && c.span.start < span.end && span.start < c.span.end)) continue;
        cues.push({ kind: m.term.tag.v as PayCueKind, span, sentence: line.sentence, section: kind });
      }
    }
    if (!hasCurrencyWord && !(mayHaveSymbol && patterns.symbolStart.test(line.text))) continue;
    let underPayHeading = headingPay.get(line.section);
    if (underPayHeading === undefined) {
      const heading = section?.heading ? tokenize(section.heading) : [];
      underPayHeading = pay.context.matchAll(heading).some((m) => m.term.tag.g === "pay_word");
      headingPay.set(line.section, underPayHeading);
    }
    // The line speaks of pay, or one of the lines before it does ("Pay varies by zone:", then "Zone A: $180,000").
    let context = underPayHeading;
    for (let back = 0; back <= PAY_CONTEXT_LINES && !context && n - back >= 0; back++) context = hasPayWord(n - back);
    for (const f of figuresIn(line, tokens, matches, contextAt(n), pay, patterns, context)) (f.period === null && !context ? pending : figures).push(f);
    pendingLine = n;
  }
  const joined = joinRanges(doc, figures);
  return { figures: joined, pay: pickPay(joined), cues };
}

/** Figures in a row that make one range ("$150k - $210k" split at the dash, "EUR 78,000 - EUR 93,000"). */
function joinRanges(doc: PostingDocument, figures: PayFigure[]): PayFigure[] {
  const out: PayFigure[] = [];
  for (const f of figures) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.min === prev.max &&
      prev.currency === f.currency &&
      f.min > prev.min &&
      f.min <= prev.min * 5 &&
      (prev.period === null || f.period === null || prev.period === f.period) &&
      RANGE_GAP.test(doc.text.slice(prev.span.end, f.span.start))
    ) {
      out[out.length - 1] = { ...prev, max: f.max, period: prev.period ?? f.period, span: { start: prev.span.start, end: f.span.end } };
      continue;
    }
    out.push(f);
  }
  return out;
}

/** How far a match stands from the figure between tokens `before` and `after`, in tokens; Infinity past the reach. */
function distance(m: Match<ListTag>, before: number, after: number, reach: number): number {
  if (m.last <= before && m.last > before - reach) return before - m.last;
  if (m.first >= after && m.first < after + reach) return m.first - after;
  return Infinity;
}

/** A currency code of three letters counts in capitals only ("CAD 80,000", not "CAD drafting"). */
function currencyWordFits(text: string, t: Token, m: Match<ListTag>): boolean {
  const surface = text.slice(t.start, t.end);
  return m.first !== m.last || surface.length !== 3 || surface === surface.toUpperCase() || surface.toLowerCase() !== m.term.tag.v.toLowerCase();
}

/** The pay figures of one line. `context`: the line (or its label line, or its heading) speaks of pay. */
function figuresIn(
  line: PayLine,
  tokens: readonly Token[],
  found: readonly Match<ListTag>[],
  around: readonly Match<ListTag>[],
  pay: PayKnowledge,
  patterns: Patterns,
  context: boolean,
): PayFigure[] {
  // The line's currency and basis words, and its context words (periods, non-pay words).
  const matches = found.length === 0 ? around : around.length === 0 ? found : [...found, ...around];
  const out: PayFigure[] = [];
  const re = patterns.amount;
  re.lastIndex = 0;
  for (let m = re.exec(line.text); m !== null; m = re.exec(line.text)) {
    const [, sym1, num1, k1, post1, sym2, num2, k2, post2] = m;
    const start = m.index;
    const end = start + m[0].length;
    const { before, after } = tokensAround(tokens, start, end);
    const symbol = sym1 ?? sym2 ?? post1 ?? post2;
    // A code or word right before or after the figure: "KES 40,000", "40,000 USD", "CAD $90,000" (which dollar).
    const word = matches.find(
      (x) => x.term.tag.g === "currency" && (x.last === before || x.first === after) && currencyWordFits(line.text, tokens[x.first]!, x),
    );
    const bySymbol = symbol === undefined ? null : (patterns.bySymbol.get(symbol) ?? null);
    const currency = bySymbol === null || (symbol === "$" && word) ? (word?.term.tag.v ?? bySymbol) : bySymbol;
    if (!currency) continue;
    // "$20m": a company's figures, not a wage.
    if (/[mM]/.test((k1 ?? "") + (k2 ?? ""))) continue;
    const notPay = (x: Match<ListTag>) =>
      x.term.tag.g === "not_pay" && ((x.last <= before && before - x.last < NOT_PAY_BEFORE) || (x.first >= after && x.first - after < NOT_PAY_AFTER));
    if (matches.some(notPay)) continue;
    let min = parseAmount(num1!, k1);
    let max = num2 === undefined ? min : parseAmount(num2, k2);
    // "$55-70k", "$40-55,000": the thousands of the second figure hold for the first.
    if (num2 !== undefined && min < 1000 && min * 1000 <= max && max <= min * 5000) min *= 1000;
    if (!(max >= min && max <= min * 5)) max = min;
    if (!(min > 0)) continue;
    const periodMatch =
      matches.find((x) => x.term.tag.g === "period" && x.first > before && x.first < after + PERIOD_AFTER) ??
      matches.find((x) => x.term.tag.g === "period" && x.last <= before && x.last > before - PERIOD_BEFORE);
    let period = (periodMatch?.term.tag.v as Period | undefined) ?? null;
    // A figure alone on its line may have its period on the next (the caller keeps it for that line).
    if (!period && !context && tokens.length > 3) continue;
    if (!period && context && min >= pay.yearlyFrom) period = "year";
    if (period && max > MAX_AMOUNT[period]) continue;
    out.push({ min, max, currency, period, basis: basisOf(matches, before, after), span: { start: line.start + start, end: line.start + end }, sentence: line.sentence });
  }
  return out;
}

/** The basis the nearest base or OTE words give a figure; commission when the line says commission only. */
function basisOf(matches: readonly Match<ListTag>[], before: number, after: number): PayBasis {
  let best: PayBasis | null = null;
  let bestDistance = Infinity;
  let commission = false;
  for (const x of matches) {
    if (x.term.tag.g !== "basis") continue;
    if (x.term.tag.v === "commission_only") commission = true;
    if (x.term.tag.v !== "ote" && x.term.tag.v !== "base") continue;
    const d = distance(x, before, after, BASIS_REACH);
    if (d < bestDistance) {
      bestDistance = d;
      best = x.term.tag.v;
    }
  }
  return best ?? (commission ? "commission" : "base");
}

function pickPay(figures: PayFigure[]): PayFigure | null {
  return (
    figures.find((f) => f.basis === "base" && f.period !== null) ??
    figures.find((f) => f.basis === "base") ??
    figures.find((f) => f.basis === "ote") ??
    figures[0] ??
    null
  );
}

/**
 * The jurisdictions (pay.yaml codes) a posting says it is in: from its location field, else its title, else the
 * lines that say where the job is ("Location: Denver, CO"). Empty when it names none of them.
 */
export function postingJurisdictions(doc: PostingDocument, knowledge: Knowledge): string[] {
  const pay = knowledge.language?.pay;
  if (!pay) return [];
  const placesIn = (text: string): string[] => [
    ...new Set(pay.context.matchAll(tokenize(text)).filter((m) => m.term.tag.g === "place").map((m) => m.term.tag.v)),
  ];
  const fields = locationFields(doc.meta);
  if (fields.length) {
    const found = [...new Set(fields.flatMap(placesIn))];
    if (found.length) return found;
  }
  if (doc.title) {
    const found = placesIn(doc.title);
    if (found.length) return found;
  }
  const found = new Set<string>();
  doc.sentences.forEach((s) => {
    if (doc.sections[s.section]?.kind === "company") return;
    const matches = pay.context.matchAll(tokenize(s.text));
    if (!matches.some((m) => m.term.tag.g === "location_cue")) return;
    for (const m of matches) if (m.term.tag.g === "place") found.add(m.term.tag.v);
  });
  return [...found];
}

const LOCATION_KEY = /locat|city|region|country|address|place|state/i;

/** String values of metadata keys that name a place (one level of nesting: JSON-LD's jobLocation.address). */
function locationFields(meta: Record<string, unknown>): string[] {
  const out: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (typeof value === "string") out.push(value);
    else if (Array.isArray(value)) value.forEach((v) => visit(v, depth));
    else if (value && typeof value === "object" && depth < 3) for (const v of Object.values(value)) visit(v, depth + 1);
  };
  for (const [key, value] of Object.entries(meta)) if (LOCATION_KEY.test(key)) visit(value, 0);
  return out;
}
