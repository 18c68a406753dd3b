import { BoundedCache, detached } from "./bounded-cache.js";
import { stem } from "./stem.js";

/**
 * What a word's surface form gives a token, worked out once per distinct form. Phrase sets (see TermSet)
 * keep their answers here: `seenLow`/`seenHigh` are bit sets of the sets that have looked the word up, and
 * `found[slot]` holds a set's phrases that can start with the word (absent for most words and sets).
 */
export interface WordInfo {
  readonly word: string;
  readonly stem: string;
  readonly number: number | null;
  seenLow: number;
  seenHigh: number;
  found: unknown[][] | null;
  /** What a duty-line model knows of this word, and which model's index that was (see judge/line-model.ts). */
  modelIndex: unknown;
  modelEntry: unknown;
  /** Another word with the same hash (see asciiWordInfo). */
  next: WordInfo | null;
}

function makeInfo(word: string, next: WordInfo | null): WordInfo {
  const isNumber = /^\d[\d,.]*$/.test(word);
  const number = isNumber ? Number(word.replace(/,/g, "")) : null;
  return {
    word,
    stem: isNumber ? word : stem(word.replace(/'s$/, "")),
    number: number !== null && Number.isFinite(number) ? number : null,
    seenLow: 0,
    seenHigh: 0,
    found: null,
    modelIndex: null,
    modelEntry: null,
    next,
  };
}

// Words with a digit or a letter beyond ASCII: few in English postings (see byHash for the others).
const bySurface = new BoundedCache<string, WordInfo>(10_000);

/** The word info of a surface form. */
export function wordInfo(raw: string): WordInfo {
  let info = bySurface.get(raw);
  if (info === undefined) {
    info = makeInfo(detached(raw.toLowerCase().replace(/’/g, "'")), null);
    bySurface.set(detached(raw), info);
  }
  return info;
}

/**
 * ASCII words by a hash of their lowercased letters, taken while the tokenizer reads them: most words are
 * ASCII, and this spares cutting each out of the text and hashing it again (a third of tokenising, measured).
 * A large feed uses some 80,000 forms, and 20,000 make 97% of its words: the common ones stay (see BoundedCache).
 */
const byHash = new BoundedCache<number, WordInfo>(40_000);


/**
 * The words met most recently, one per slot by hash: a small table that stays in the processor's cache, where
 * the common words ("the", "and", "sales") are found without a lookup in the large one.
 */
const RECENT_SLOTS = 1024;
const recentHashes = new Int32Array(RECENT_SLOTS);
const recentInfos = new Array<WordInfo | undefined>(RECENT_SLOTS).fill(undefined);

/** The word info of the ASCII word text[start, end), whose lowercased letters hash to `hash`. */
export function asciiWordInfo(text: string, start: number, end: number, hash: number): WordInfo {
  const slot = hash & (RECENT_SLOTS - 1);
  const recent = recentInfos[slot];
  if (recent !== undefined && recentHashes[slot] === hash && sameWord(recent.word, text, start, end)) return recent;
  const info = lookUpAscii(text, start, end, hash);
  recentHashes[slot] = hash;
  recentInfos[slot] = info;
  return info;
}

function lookUpAscii(text: string, start: number, end: number, hash: number): WordInfo {
  const key = hash & 0x3fffffff; // a small integer: the cheapest kind of key
  const head = byHash.get(key);
  for (let info: WordInfo | null | undefined = head; info; info = info.next) {
    if (sameWord(info.word, text, start, end)) return info;
  }
  const info = makeInfo(detached(text.slice(start, end).toLowerCase()), head ?? null);
  byHash.set(key, info);
  return info;
}

function sameWord(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== lowerAscii(text.charCodeAt(start + k))) return false;
  return true;
}

export function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

export const LETTER = 1;
export const DIGIT = 2;
export const OTHER = 3;
/** Each UTF-16 unit's class as the word expression sees it (\p{L}, \p{N}, other); 0 until first asked. */
const classes = new Uint8Array(0x10000);

/** LETTER, DIGIT or OTHER for a code unit outside the surrogate range. */
export function charClass(code: number): number {
  let c = classes[code]!;
  if (c === 0) {
    const ch = String.fromCharCode(code);
    c = /\p{L}/u.test(ch) ? LETTER : /\p{N}/u.test(ch) ? DIGIT : OTHER;
    classes[code] = c;
  }
  return c;
}
