import type { Token } from "../text/tokenize.js";
import { indexKeys, matchRest, wordMatches, type Phrase } from "./phrase.js";

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

const NONE: never[] = [];
/** Sets numbered below this keep their per-word answers in the words' own bit sets (two 31-bit numbers). */
const BIT_SETS = 62;
let nextSerial = 0;
/** Words whose candidate phrases a set remembers; past this the memo starts afresh (bounded memory). */
const CANDIDATE_MEMO_LIMIT = 10_000;

interface Candidates<Tag> {
  stem: string;
  terms: Term<Tag>[];
}

/** Phrases indexed by their first word, so a sentence is matched in one pass over its tokens. */
export class TermSet<Tag = string> {
  private readonly byKey = new Map<string, Term<Tag>[]>();
  private readonly scanAlways: Term<Tag>[] = [];
  /** Per token word: the phrases whose first word it matches, in the order of a full scan. */
  private readonly candidates = new Map<string, Candidates<Tag>>();
  /** This set's place in the words' bit sets (WordInfo.known, .hits), or -1 past BIT_SETS. */
  private readonly slot: number;
  private readonly bit: number;

  constructor(readonly terms: Term<Tag>[]) {
    const serial = nextSerial++;
    this.slot = serial < BIT_SETS ? (serial < 31 ? 0 : 1) : -1;
    this.bit = serial < BIT_SETS ? 1 << (serial % 31) : 0;
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

  /**
   * The phrases to try at a token, in the order the index gives them: those keyed by its stem, by its word,
   * then the prefix phrases whose first word fits it (duplicates kept, as a plain scan finds them).
   */
  private candidatesFor(t: Token): Term<Tag>[] {
    const info = t.info;
    if (info !== undefined && this.slot >= 0) {
      // A word from the tokenizer: its own bits say whether this set has anything for it.
      if ((info.known[this.slot]! & this.bit) !== 0) {
        if ((info.hits[this.slot]! & this.bit) === 0) return NONE;
        const hit = this.candidates.get(info.word);
        if (hit !== undefined && hit.stem === info.stem) return hit.terms;
      }
      const terms = this.lookUp(t);
      info.known[this.slot]! |= this.bit;
      if (terms.length > 0) {
        info.hits[this.slot]! |= this.bit;
        this.remember(t, terms);
      }
      return terms;
    }
    const hit = this.candidates.get(t.word);
    if (hit !== undefined && hit.stem === t.stem) return hit.terms;
    const terms = this.lookUp(t);
    this.remember(t, terms);
    return terms;
  }

  private remember(t: Token, terms: Term<Tag>[]): void {
    if (this.candidates.size >= CANDIDATE_MEMO_LIMIT) this.candidates.clear();
    this.candidates.set(t.word, { stem: t.stem, terms });
  }

  private lookUp(t: Token): Term<Tag>[] {
    const byStem = this.byKey.get(`s:${t.stem}`);
    const byWord = this.byKey.get(`w:${t.word}`);
    let terms: Term<Tag>[] = NONE;
    if (byStem || byWord) terms = [...(byStem ?? NONE), ...(byWord ?? NONE)];
    for (const term of this.scanAlways) {
      if (!wordMatches(term.phrase.words[0]!, t)) continue;
      if (terms === NONE) terms = [];
      terms.push(term);
    }
    return terms;
  }

  /** Every match of every phrase in `tokens`, overlapping ones included. */
  matchAll(tokens: Token[]): Match<Tag>[] {
    const found: Match<Tag>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const list = this.candidatesFor(tokens[i]!);
      for (let k = 0; k < list.length; k++) {
        const term = list[k]!;
        // The first word is known to fit: match the rest.
        const last = matchRest(term.phrase, tokens, i);
        if (last >= 0) found.push({ term, first: i, last });
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
    if (all.length === 0) return all;
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
