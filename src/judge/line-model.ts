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
  /** Built on first use from features/weights (a Map does not survive the JSON snapshot). */
  index?: Map<string, number>;
}

export interface LineReading {
  /** Probability per class. */
  p: Record<ModelClass, number>;
  /** The class read, and the words that weighed most for it over "other". */
  top: ModelClass;
  words: string[];
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

function indexOf(model: LineModel): Map<string, number> {
  if (!model.index) model.index = new Map(model.features.map((f, i) => [f, i]));
  return model.index;
}

/** Reads a line; null when the line has no feature the model knows. */
export function readLine(model: LineModel, tokens: readonly Token[]): LineReading | null {
  const index = indexOf(model);
  const k = model.classes.length;
  const logits = model.bias.slice();
  const known: number[] = [];
  for (const f of lineFeatures(tokens)) {
    const i = index.get(f);
    if (i === undefined) continue;
    known.push(i);
    for (let c = 0; c < k; c++) logits[c]! += model.weights[i * k + c]!;
  }
  if (known.length === 0) return null;
  const max = Math.max(...logits);
  const exp = logits.map((l) => Math.exp(l - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  const p = Object.fromEntries(model.classes.map((c, i) => [c, exp[i]! / sum])) as Record<ModelClass, number>;
  let topAt = 0;
  for (let c = 1; c < k; c++) if (exp[c]! > exp[topAt]!) topAt = c;
  const top = model.classes[topAt]!;
  const otherAt = model.classes.indexOf("other");
  // The reason shown to a user: the known words that pushed the line most toward its class, over "other".
  const words = [...new Set(known)]
    .map((i) => ({ i, lift: model.weights[i * k + topAt]! - (otherAt >= 0 ? model.weights[i * k + otherAt]! : 0) }))
    .filter((w) => w.lift > 0)
    .sort((a, b) => b.lift - a.lift)
    .slice(0, 3)
    .map((w) => model.features[w.i]!);
  return { p, top, words };
}

export function isFamilyClass(c: ModelClass): c is Family {
  return c !== "other";
}
