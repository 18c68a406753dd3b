import { BoundedCache, detached } from "./bounded-cache.js";
import { HASH_START, hashStep } from "./hash.js";
import { asciiWordInfo, charClass, DIGIT, LETTER, lowerAscii, OTHER, wordInfo, type WordInfo } from "./words.js";

export type { WordInfo } from "./words.js";

/** A word (or number) of a sentence, with its place in the sentence. */
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

// Words, numbers with thousands separators, and contractions ("isn't" stays one token). scan() reads words
// starting with a letter itself, as this expression would; the expression reads those starting with a digit
// (its first alternative backtracks in ways not worth copying) and texts with characters beyond 16 bits.
const WORD = /\p{N}+(?:[.,]\p{N}{3})*(?:\.\p{N}+)?(?![\p{L}])|[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu;
const WORD_AT = new RegExp(WORD.source, "uy");
const SURROGATE = /[\uD800-\uDFFF]/;
const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;
const CLAUSE = /[,;:()\[\]–—|!?]|\s-\s|\.\s/;
/** The characters that alone make a clause break (CLAUSE's one-character alternatives), by character code. */
const CLAUSE_CODES = new Uint8Array(0x10000);
for (const c of ",;:()[]–—|!?") CLAUSE_CODES[c.charCodeAt(0)] = 1;
const SPELLINGS: Record<string, string> = { "e-mail": "email", "e-mails": "emails" };

/**
 * Sentences tokenised, by text: boards repeat their boilerplate from posting to posting (a third of a large
 * feed's sentences were seen shortly before), and the judge and the rules read the same sentences. Positions
 * are within the text, so the same tokens serve the text wherever it stands.
 */
const byText = new BoundedCache<string, Token[]>(4_000);

/**
 * Tokenises `text` into stemmed tokens, with positions within it. The array may be shared with other callers
 * asking for the same text: read it, never change it.
 */
export function tokenize(text: string): Token[] {
  let tokens = byText.get(text);
  if (tokens === undefined) {
    tokens = scan(text);
    byText.set(detached(text), tokens);
  }
  return tokens;
}

const bySentences = new WeakMap<readonly { text: string }[], Token[][]>();

/**
 * The tokens of each of a document's sentences (tokenize of each text), worked out once per sentence list: the
 * judge, the pay reading and the rules all read them.
 */
export function tokenizeAll(sentences: readonly { text: string }[]): Token[][] {
  let tokens = bySentences.get(sentences);
  if (tokens === undefined) {
    tokens = sentences.map((s) => tokenize(s.text));
    bySentences.set(sentences, tokens);
  }
  return tokens;
}

/** Every token is made here, so that all have one shape (property accesses on them stay fast). */
function token(info: WordInfo, start: number, end: number, clauseBreak: boolean, number: number | null): Token {
  return { word: info.word, stem: info.stem, start, end, clauseBreak, number, info };
}

function scan(text: string): Token[] {
  // "e-mail" needs a hyphen: most sentences have none and skip the rewrite.
  const normalised = text.includes("-") ? text.replace(/\be-mails?\b/gi, (m) => SPELLINGS[m.toLowerCase()]!.padEnd(m.length, " ")) : text;
  const tokens: Token[] = [];
  const add = (info: WordInfo, start: number, end: number) => {
    let clauseBreak = false;
    if (tokens.length > 0) {
      // One character between two words is the common case: a space, or punctuation glued to the next word.
      const last = tokens[tokens.length - 1]!.end;
      const gap = start - last;
      if (gap === 1) clauseBreak = CLAUSE_CODES[normalised.charCodeAt(last)] === 1;
      else if (gap > 1) clauseBreak = CLAUSE.test(normalised.slice(last, start));
    }
    // "80% of emails" is a share, not a count of anything.
    const number = info.number !== null && normalised[end] === "%" ? null : info.number;
    tokens.push(token(info, start, end, clauseBreak, number));
  };
  if (SURROGATE.test(normalised)) {
    // The shared expression is safe to reuse: this loop runs to the end without yielding.
    WORD.lastIndex = 0;
    for (let m = WORD.exec(normalised); m !== null; m = WORD.exec(normalised)) add(wordInfo(m[0]), m.index, m.index + m[0].length);
    return tokens;
  }
  const n = normalised.length;
  let i = 0;
  while (i < n) {
    const kind = charClass(normalised.charCodeAt(i));
    if (kind === OTHER) {
      i++;
      continue;
    }
    let end = i;
    let info: WordInfo;
    if (kind === DIGIT) {
      WORD_AT.lastIndex = i;
      const raw = WORD_AT.exec(normalised)![0];
      end = i + raw.length;
      info = wordInfo(raw);
    } else {
      // WORD's second alternative: letters and digits, then perhaps an apostrophe and letters.
      let hash = HASH_START;
      let ascii = true;
      for (let c = normalised.charCodeAt(end); end < n && charClass(c) !== OTHER; c = normalised.charCodeAt(++end)) {
        if (c < 128) hash = hashStep(hash, lowerAscii(c));
        else ascii = false;
      }
      const quote = normalised.charCodeAt(end);
      if ((quote === APOSTROPHE || quote === RIGHT_QUOTE) && end + 1 < n && charClass(normalised.charCodeAt(end + 1)) === LETTER) {
        if (quote === APOSTROPHE) hash = hashStep(hash, APOSTROPHE);
        else ascii = false;
        for (let c = normalised.charCodeAt(++end); end < n && charClass(c) === LETTER; c = normalised.charCodeAt(++end)) {
          if (c < 128) hash = hashStep(hash, lowerAscii(c));
          else ascii = false;
        }
      }
      info = ascii ? asciiWordInfo(normalised, i, end, hash) : wordInfo(normalised.slice(i, end));
    }
    add(info, i, end);
    i = end;
  }
  return tokens;
}
