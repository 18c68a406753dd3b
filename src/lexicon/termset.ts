import { BoundedCache } from "../text/bounded-cache.js";
import type { Token } from "../text/tokenize.js";
import { matchRest, wordMatches, type Phrase } from "./phrase.js";

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
/** Sets numbered below this keep their per-word answers on the words themselves (see WordInfo). */
const WORD_SLOTS = 62;
/** Slots go to sets as they are first scanned, not as they are made: the knowledge makes more sets than there are
 * slots, most of them matched only inside a OnePass, whose combined set (made last) is the one read the most. */
let nextSlot = 0;
const UNASSIGNED = -2;
/** Words whose candidate phrases a set remembers (twice this at most: see BoundedCache). */
const CANDIDATE_MEMO_LIMIT = 10_000;

/** Phrases by their first word: by its stems, by its exact words, and those with a word prefix (tried at every token). */
interface PhraseIndex<Tag> {
  byStem: Map<string, Term<Tag>[]>;
  byWord: Map<string, Term<Tag>[]>;
  scanAlways: Term<Tag>[];
}

function addTo<Tag>(map: Map<string, Term<Tag>[]>, key: string, term: Term<Tag>): void {
  const list = map.get(key);
  if (list) list.push(term);
  else map.set(key, [term]);
}

interface Candidates<Tag> {
  stem: string;
  terms: Term<Tag>[];
}

/** Phrases indexed by their first word, so a sentence is matched in one pass over its tokens. */
export class TermSet<Tag = string> {
  /** The phrases by first word, built when the set first matches alone (a set matched with others never does). */
  private index: PhraseIndex<Tag> | null = null;
  /** Per token word, for words without a slot: the phrases whose first word it matches. */
  private readonly candidates = new BoundedCache<string, Candidates<Tag>>(CANDIDATE_MEMO_LIMIT);
  /** This set's slot on the words (WordInfo.seenLow/seenHigh bits, WordInfo.found), -1 past WORD_SLOTS. */
  private slot = UNASSIGNED;
  private bit = 0;
  /** The pass this set is matched in together with others (see matchTogether), and its place in it. */
  private pass: OnePass | null = null;
  private passSlot = -1;

  constructor(readonly terms: Term<Tag>[]) {}

  private takeSlot(): number {
    const slot = nextSlot < WORD_SLOTS ? nextSlot++ : -1;
    this.bit = slot >= 0 ? 1 << (slot % 31) : 0;
    return (this.slot = slot);
  }

  private built(): PhraseIndex<Tag> {
    if (this.index) return this.index;
    const index: PhraseIndex<Tag> = { byStem: new Map(), byWord: new Map(), scanAlways: [] };
    // Once per stem or exact word of the first word, repeats included: a plain scan would find the phrase as often.
    for (const term of this.terms) {
      const first = term.phrase.words[0]!;
      for (const stem of first.stems) addTo(index.byStem, stem, term);
      for (const word of first.exact) addTo(index.byWord, word, term);
      if (first.prefixes.length > 0) index.scanAlways.push(term);
    }
    return (this.index = index);
  }

  /**
   * The phrases to try at a token, in the order the index gives them: those keyed by its stem, by its word,
   * then the prefix phrases whose first word fits it (duplicates kept, as a plain scan finds them).
   */
  private candidatesFor(t: Token): Term<Tag>[] {
    const info = t.info;
    const slot = this.slot;
    if (info !== undefined && slot >= 0) {
      // A word from the tokenizer carries each set's answer: most words start no phrase of a set.
      if (((slot < 31 ? info.seenLow : info.seenHigh) & this.bit) !== 0) return (info.found?.[slot] as Term<Tag>[] | undefined) ?? NONE;
      return this.firstOnWord(t, info, slot);
    }
    return this.remembered(t);
  }

  /** The word's first look-up by this set, kept on the word. */
  private firstOnWord(t: Token, info: NonNullable<Token["info"]>, slot: number): Term<Tag>[] {
    const terms = this.lookUp(t);
    if (slot < 31) info.seenLow |= this.bit;
    else info.seenHigh |= this.bit;
    if (terms.length > 0) (info.found ??= [])[slot] = terms;
    return terms;
  }

  /** For words without a slot to keep the answer in: the set's own memo. */
  private remembered(t: Token): Term<Tag>[] {
    const hit = this.candidates.get(t.word);
    if (hit !== undefined && hit.stem === t.stem) return hit.terms;
    const terms = this.lookUp(t);
    this.candidates.set(t.word, { stem: t.stem, terms });
    return terms;
  }

  private lookUp(t: Token): Term<Tag>[] {
    const index = this.built();
    const byStem = index.byStem.get(t.stem);
    const byWord = index.byWord.get(t.word);
    const scanAlways = index.scanAlways;
    let terms: Term<Tag>[] = NONE;
    if (byStem || byWord) terms = [...(byStem ?? NONE), ...(byWord ?? NONE)];
    for (const term of scanAlways) {
      if (!wordMatches(term.phrase.words[0]!, t)) continue;
      if (terms === NONE) terms = [];
      terms.push(term);
    }
    return terms;
  }

  /**
   * Every match of every phrase in `tokens`, overlapping ones included, in token order. The array may be
   * shared with other callers of the same tokens: read it, never change it.
   */
  matchAll(tokens: readonly Token[]): readonly Match<Tag>[] {
    if (this.pass !== null) return this.pass.matches(tokens)[this.passSlot] as Match<Tag>[];
    return this.scan(tokens);
  }

  /** @internal One pass over the tokens for this set alone. */
  scan(tokens: readonly Token[]): Match<Tag>[] {
    const found: Match<Tag>[] = [];
    if (this.slot === UNASSIGNED) this.takeSlot();
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
  matchBest(tokens: readonly Token[], tagOf: (tag: Tag) => string = String): Match<Tag>[] {
    const all = this.matchAll(tokens);
    // Most sentences match a set once or not at all: nothing to resolve.
    if (all.length <= 1) return all.slice();
    const ranked = all.slice().sort((a, b) => b.term.weight - a.term.weight || b.last - b.first - (a.last - a.first) || a.first - b.first);
    const taken = new Map<string, Array<[number, number]>>();
    const kept: Match<Tag>[] = [];
    for (const m of ranked) {
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
  test(tokens: readonly Token[]): boolean {
    return this.matchAll(tokens).length > 0;
  }

  /**
   * Matches these sets in one pass over each sentence instead of one pass per set: a sentence's matches for
   * all of them are found together the first time any of them is asked, and kept while its tokens live.
   * A set already matched with others stays where it is. Results are the same as set by set.
   */
  static matchTogether(sets: Iterable<TermSet<unknown>>): void {
    const members = [...new Set(sets)].filter((set) => set.pass === null);
    if (members.length < 2) return;
    const pass = new OnePass(members);
    members.forEach((set, slot) => {
      set.pass = pass;
      set.passSlot = slot;
    });
  }
}

/** A phrase of one of the sets of a OnePass, tagged with the set's place and the phrase as the set knows it. */
type PassTag = { slot: number; term: Term<unknown> };

class OnePass {
  /** All the sets' phrases in one index, built when first needed (not while loading). */
  private combined: TermSet<PassTag> | null = null;
  /** Matches by sentence (tokenize shares one token array per text, wherever the text stands). */
  private readonly bySentence = new WeakMap<readonly Token[], Match<unknown>[][]>();

  constructor(private readonly sets: TermSet<unknown>[]) {}

  matches(tokens: readonly Token[]): Match<unknown>[][] {
    let found = this.bySentence.get(tokens);
    if (found === undefined) {
      // Set by set, in each set's order: a token's candidates then come in each set's own order.
      this.combined ??= new TermSet(this.sets.flatMap((set, slot) => set.terms.map((term) => ({ ...term, tag: { slot, term } }))));
      // Most sets match nothing in a sentence: they share one empty list.
      found = new Array<Match<unknown>[]>(this.sets.length).fill(NONE);
      for (const m of this.combined.scan(tokens)) {
        const slot = m.term.tag.slot;
        if (found[slot] === NONE) found[slot] = [];
        found[slot]!.push({ term: m.term.tag.term, first: m.first, last: m.last });
      }
      this.bySentence.set(tokens, found);
    }
    return found;
  }
}
