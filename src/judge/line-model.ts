import type { Family } from "../lexicon/knowledge.js";
import type { Token } from "../text/tokenize.js";

/**
 * A linear model that reads a duty line as marketing, sales, customer service or other work, learned from
 * occupations' task statements (tools/train-duty-model.ts writes rules/models/duty-lines.yaml). It reads
 * what the work does and to whom ("demonstrate products to customers in stores", "plan media campaigns"),
 * whatever a posting calls the job. Its weights are data; this file only reads them.
 */
export const MODEL_CLASSES = ["marketing", "sales", "customer_service", "other"] as const;
export type ModelClass = (typeof MODEL_CLASSES)[number];

export interface LineModel {
  classes: readonly ModelClass[];
  /** One bias per class. */
  bias: number[];
  /** Feature names (see lineFeatures) and, per feature, one weight per class, flattened. */
  features: string[];
  weights: number[];
}

export interface LineReading {
  /** Probability per class. */
  p: Record<ModelClass, number>;
  /** The class read. */
  top: ModelClass;
  /** The indexes of the features the line has that the model knows. */
  known: number[];
}

/** Words too common to say anything, left out of word pairs (a pair "to the" is no feature). */
const FILLER = new Set(["a", "an", "the", "and", "or", "of", "to", "in", "for", "on", "with", "at", "by", "from", "as", "is", "are", "be", "our", "your", "their", "its", "this", "that", "will", "you", "we", "all", "any", "such", "other"]);

/**
 * The features of a line: each stem, and each pair of neighbouring stems that are not filler. Numbers are
 * one feature ("#"), so "50 calls" and "30 calls" read alike.
 */
export function lineFeatures(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  let previous: string | null = null;
  for (const t of tokens) {
    const s = t.number !== null ? "#" : t.stem;
    if (FILLER.has(t.word)) {
      previous = null;
      continue;
    }
    out.push(s);
    if (previous !== null && !t.clauseBreak) out.push(`${previous} ${s}`);
    previous = s;
  }
  return out;
}

/**
 * What the model knows of a stem: its own feature, and the features of the pairs it starts. One lookup per
 * word of a line finds both, and a pair needs only the next word's lookup in its first word's map.
 */
interface StemEntry {
  /** The stem's feature index, or -1 when the stem is known only as a pair's first word. */
  unigram: number;
  /** Pair feature indexes by the second stem. */
  pairs: Map<string, number> | null;
}

const indexes = new WeakMap<LineModel, Map<string, StemEntry>>();

function entryOf(index: Map<string, StemEntry>, stem: string): StemEntry {
  let entry = index.get(stem);
  if (!entry) index.set(stem, (entry = { unigram: -1, pairs: null }));
  return entry;
}

function indexOf(model: LineModel): Map<string, StemEntry> {
  let index = indexes.get(model);
  if (!index) {
    const built = new Map<string, StemEntry>();
    model.features.forEach((f, i) => {
      const space = f.indexOf(" ");
      if (space < 0) entryOf(built, f).unigram = i;
      else {
        const first = entryOf(built, f.slice(0, space));
        (first.pairs ??= new Map()).set(f.slice(space + 1), i);
      }
    });
    indexes.set(model, (index = built));
  }
  return index;
}

/** A filler word: no feature, and it breaks a pair. */
const FILLER_ENTRY: StemEntry = { unigram: -1, pairs: null };

/** What the model knows of a token, kept on the word's shared info so each word form is looked up once. */
function entryFor(index: Map<string, StemEntry>, t: Token): StemEntry | undefined {
  const info = t.info;
  // The cache holds the word as a word; a number read otherwise here (before a "%") is looked up afresh.
  const cacheable = info !== undefined && t.number === info.number;
  if (cacheable && info.modelIndex === index) return info.modelEntry as StemEntry | undefined;
  const entry = FILLER.has(t.word) ? FILLER_ENTRY : index.get(t.number !== null ? "#" : t.stem);
  if (cacheable) {
    info.modelIndex = index;
    info.modelEntry = entry;
  }
  return entry;
}

/** The indexes of the features a line has that the model knows (as lineFeatures lists them). */
function knownFeatures(index: Map<string, StemEntry>, tokens: readonly Token[]): number[] {
  const known: number[] = [];
  let previous: StemEntry | undefined;
  for (const t of tokens) {
    const entry = entryFor(index, t);
    if (entry === FILLER_ENTRY) {
      previous = undefined;
      continue;
    }
    if (entry !== undefined && entry.unigram >= 0) known.push(entry.unigram);
    if (previous?.pairs && !t.clauseBreak) {
      const p = previous.pairs.get(t.number !== null ? "#" : t.stem);
      if (p !== undefined) known.push(p);
    }
    previous = entry;
  }
  return known;
}

/** Reads a line; null when the line has no feature the model knows. */
export function readLine(model: LineModel, tokens: readonly Token[]): LineReading | null {
  return computeReading(model, tokens);
}

function computeReading(model: LineModel, tokens: readonly Token[]): LineReading | null {
  const known = knownFeatures(indexOf(model), tokens);
  if (known.length === 0) return null;
  const k = model.classes.length;
  const logits = model.bias.slice();
  for (const i of known) for (let c = 0; c < k; c++) logits[c]! += model.weights[i * k + c]!;
  let max = logits[0]!;
  for (let c = 1; c < k; c++) if (logits[c]! > max) max = logits[c]!;
  let sum = 0;
  for (let c = 0; c < k; c++) sum += logits[c] = Math.exp(logits[c]! - max);
  const p = {} as Record<ModelClass, number>;
  let topAt = 0;
  for (let c = 0; c < k; c++) {
    p[model.classes[c]!] = logits[c]! / sum;
    if (logits[c]! > logits[topAt]!) topAt = c;
  }
  return { p, top: model.classes[topAt]!, known };
}

/** The words that pushed a line most toward the class it was read as, over "other": the reason shown to a user. */
export function reasonWords(model: LineModel, reading: LineReading, most = 3): string[] {
  const k = model.classes.length;
  const at = model.classes.indexOf(reading.top);
  const otherAt = model.classes.indexOf("other");
  return [...new Set(reading.known)]
    .map((i) => ({ i, lift: model.weights[i * k + at]! - (otherAt >= 0 ? model.weights[i * k + otherAt]! : 0) }))
    .filter((w) => w.lift > 0)
    .sort((a, b) => b.lift - a.lift)
    .slice(0, most)
    .map((w) => model.features[w.i]!);
}

export function isFamilyClass(c: ModelClass): c is Family {
  return c !== "other";
}
