import { stem } from "../text/stem.js";
import type { Token } from "../text/tokenize.js";

/** One position of a phrase: any of several stems, word prefixes or exact words. */
export interface WordPattern {
  stems: string[];
  prefixes: string[];
  exact: string[];
}

export interface Phrase {
  source: string;
  words: WordPattern[];
  /** How many other tokens may stand between two consecutive words. */
  gap: number;
}

export const DEFAULT_GAP = 1;
const MAX_WORDS = 8;
const MAX_GAP = 6;

/** Compiles `cold call|phone`, `tele*`, `=ote` into a phrase; throws a plain message on bad syntax. */
export function compilePhrase(source: string, gap = DEFAULT_GAP): Phrase {
  const parts = source.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (parts.length === 0) throw new Error("empty phrase");
  if (parts.length > MAX_WORDS) throw new Error(`phrase "${source}" has more than ${MAX_WORDS} words`);
  if (!Number.isInteger(gap) || gap < 0 || gap > MAX_GAP) throw new Error(`gap must be a whole number from 0 to ${MAX_GAP}`);
  const words = parts.map((part) => {
    const w: WordPattern = { stems: [], prefixes: [], exact: [] };
    for (const alt of part.split("|")) {
      if (!alt) throw new Error(`phrase "${source}" has an empty alternative`);
      if (alt.startsWith("=")) w.exact.push(alt.slice(1));
      else if (alt.endsWith("*")) {
        if (alt.length < 3) throw new Error(`prefix "${alt}" is too short (two letters at least)`);
        w.prefixes.push(alt.slice(0, -1));
      } else w.stems.push(stem(alt.replace(/'s$/, "")));
    }
    return w;
  });
  return { source, words, gap };
}

export function wordMatches(w: WordPattern, token: Token): boolean {
  if (w.stems.includes(token.stem) || w.exact.includes(token.word)) return true;
  for (const p of w.prefixes) if (token.word.startsWith(p)) return true;
  return false;
}

/**
 * Matches `phrase` with its first word at `tokens[i]`; returns the index of the last token matched, or -1.
 * Greedy on the nearest next word, which is right for short phrases.
 */
export function matchAt(phrase: Phrase, tokens: readonly Token[], i: number): number {
  const first = phrase.words[0];
  const t = tokens[i];
  if (!first || !t || !wordMatches(first, t)) return -1;
  return matchRest(phrase, tokens, i);
}

/** `matchAt` once the first word is known to match `tokens[i]`: matches the words after it. */
export function matchRest(phrase: Phrase, tokens: readonly Token[], i: number): number {
  let at = i;
  for (let k = 1; k < phrase.words.length; k++) {
    const w = phrase.words[k]!;
    let found = -1;
    for (let j = at + 1; j <= at + 1 + phrase.gap && j < tokens.length; j++) {
      if (tokens[j]!.clauseBreak) break;
      if (wordMatches(w, tokens[j]!)) {
        found = j;
        break;
      }
    }
    if (found < 0) return -1;
    at = found;
  }
  return at;
}
