import type { Token } from "../text/tokenize.js";
import { indexKeys, matchAt, type Phrase } from "./phrase.js";

/** A phrase with what it signals. `tag` is the family, sub-function or level it stands for. */
export interface Term<Tag = string> {
  phrase: Phrase;
  tag: Tag;
  weight: number;
  /** file:line of the phrase, for messages about the data. */
  origin: string;
}

export interface Match<Tag = string> {
  term: Term<Tag>;
  /** Index of the first and last matched token. */
  first: number;
  last: number;
}

/** Phrases indexed by their first word, so a sentence is matched in one pass over its tokens. */
export class TermSet<Tag = string> {
  private readonly byKey = new Map<string, Term<Tag>[]>();
  private readonly scanAlways: Term<Tag>[] = [];

  constructor(readonly terms: Term<Tag>[]) {
    for (const term of terms) {
      const { keys, scanAlways } = indexKeys(term.phrase);
      if (scanAlways) this.scanAlways.push(term);
      for (const key of keys) {
        const list = this.byKey.get(key);
        if (list) list.push(term);
        else this.byKey.set(key, [term]);
      }
    }
  }

  /** Every match of every phrase in `tokens`, overlapping ones included. */
  matchAll(tokens: Token[]): Match<Tag>[] {
    const found: Match<Tag>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      for (const list of [this.byKey.get(`s:${t.stem}`), this.byKey.get(`w:${t.word}`), this.scanAlways]) {
        if (!list) continue;
        for (const term of list) {
          const last = matchAt(term.phrase, tokens, i);
          if (last >= 0) found.push({ term, first: i, last });
        }
      }
    }
    return found;
  }

  /**
   * Matches with overlaps resolved per tag: where two phrases of the same tag cover the same words,
   * the heavier (then longer) one counts, so "cold calling" is not also counted as "calling".
   */
  matchBest(tokens: Token[], tagOf: (tag: Tag) => string = String): Match<Tag>[] {
    const all = this.matchAll(tokens);
    all.sort((a, b) => b.term.weight - a.term.weight || b.last - b.first - (a.last - a.first) || a.first - b.first);
    const taken = new Map<string, Array<[number, number]>>();
    const kept: Match<Tag>[] = [];
    for (const m of all) {
      const key = tagOf(m.term.tag);
      const ranges = taken.get(key) ?? [];
      if (ranges.some(([a, b]) => m.first <= b && a <= m.last)) continue;
      ranges.push([m.first, m.last]);
      taken.set(key, ranges);
      kept.push(m);
    }
    return kept.sort((a, b) => a.first - b.first);
  }

  /** True when any phrase matches. */
  test(tokens: Token[]): boolean {
    return this.matchAll(tokens).length > 0;
  }
}
