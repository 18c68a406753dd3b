import { BoundedCache } from "./bounded-cache.js";
import { stem } from "./stem.js";

/** A word (or number) of a sentence, with its place in the document text. */
export interface Token {
  /** Lowercased surface form. */
  word: string;
  stem: string;
  start: number;
  end: number;
  /** Punctuation that ends a clause (, ; : ( ) ...) stands between this token and the previous one. */
  clauseBreak: boolean;
  number: number | null;
  /** What the word's surface form gives (shared by every token of that form): a key for per-word caches. */
  info?: WordInfo;
}

// Words, numbers with thousands separators, and contractions ("isn't" stays one token).
const WORD = /\p{N}+(?:[.,]\p{N}{3})*(?:\.\p{N}+)?(?![\p{L}])|[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu;
const CLAUSE = /[,;:()\[\]–—|!?]|\s-\s|\.\s/;
/** The characters that alone make a clause break (CLAUSE's one-character alternatives). */
const CLAUSE_CHARS = new Set([...",;:()[]–—|!?"]);
const SPELLINGS: Record<string, string> = { "e-mail": "email", "e-mails": "emails" };

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
}

// The corpus-wide vocabulary of a large feed is some 90,000 forms; the common ones stay (see BoundedCache).
const memo = new BoundedCache<string, WordInfo>(50_000);

function wordInfo(raw: string): WordInfo {
  let info = memo.get(raw);
  if (info === undefined) {
    const word = raw.toLowerCase().replace(/’/g, "'");
    const isNumber = /^\d[\d,.]*$/.test(word);
    const number = isNumber ? Number(word.replace(/,/g, "")) : null;
    info = {
      word,
      stem: isNumber ? word : stem(word.replace(/'s$/, "")),
      number: number !== null && Number.isFinite(number) ? number : null,
      seenLow: 0,
      seenHigh: 0,
      found: null,
    };
    memo.set(raw, info);
  }
  return info;
}

/**
 * Sentences tokenised, by text: boards repeat their boilerplate from posting to posting (a third of a large
 * feed's sentences were seen shortly before), and the judge and the rules read the same sentences. `template`
 * holds the tokens at offset 0; `tokens` the latest copy at a document offset (`base`).
 */
interface Tokenised {
  template: Token[];
  base: number;
  tokens: Token[];
}
const bySentence = new BoundedCache<string, Tokenised>(10_000);
/** A copy's template: what caches of per-sentence work (phrase matches) are keyed by, whatever the offset. */
const templates = new WeakMap<readonly Token[], readonly Token[]>();

/**
 * Tokenises `text` (a slice of the document starting at `base`) into stemmed tokens. The array may be
 * shared with other callers asking for the same text: read it, never change it.
 */
export function tokenize(text: string, base = 0): Token[] {
  let known = bySentence.get(text);
  if (known === undefined) {
    const template = scan(text, 0);
    known = { template, base: 0, tokens: template };
    bySentence.set(text, known);
  }
  if (known.base !== base) {
    known.base = base;
    known.tokens = base === 0 ? known.template : known.template.map((t) => token(t.info!, t.start + base, t.end + base, t.clauseBreak, t.number));
    templates.set(known.tokens, known.template);
  }
  return known.tokens;
}

/** The same object for the tokens of the same text at any offset (see bySentence). */
export function sentenceKey(tokens: readonly Token[]): object {
  return templates.get(tokens) ?? tokens;
}

/** Every token is made here, so that all have one shape (property accesses on them stay fast). */
function token(info: WordInfo, start: number, end: number, clauseBreak: boolean, number: number | null): Token {
  return { word: info.word, stem: info.stem, start, end, clauseBreak, number, info };
}

function scan(text: string, base: number): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  // "e-mail" needs a hyphen: most sentences have none and skip the rewrite.
  const normalised = text.includes("-") ? text.replace(/\be-mails?\b/gi, (m) => SPELLINGS[m.toLowerCase()]!.padEnd(m.length, " ")) : text;
  // The shared expression is safe to reuse: this loop runs to the end without yielding.
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(normalised)) !== null) {
    const index = m.index;
    const raw = m[0];
    const info = wordInfo(raw);
    let clauseBreak = false;
    if (tokens.length > 0) {
      // One character between two words is the common case: a space, or punctuation glued to the next word.
      const gap = index - last;
      if (gap === 1) clauseBreak = CLAUSE_CHARS.has(normalised[last]!);
      else if (gap > 1) clauseBreak = CLAUSE.test(normalised.slice(last, index));
    }
    // "80% of emails" is a share, not a count of anything.
    const number = info.number !== null && normalised[index + raw.length] === "%" ? null : info.number;
    tokens.push(token(info, base + index, base + index + raw.length, clauseBreak, number));
    last = index + raw.length;
  }
  return tokens;
}
