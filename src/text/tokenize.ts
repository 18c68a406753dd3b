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
 * What a word's surface form gives a token, worked out once per distinct form. `known` and `hits` are bit
 * sets over phrase sets (see TermSet): whether the set has looked the word up, and whether any of its
 * phrases can start with it; most words start none, and a set then skips them on one bit test.
 */
export interface WordInfo {
  readonly word: string;
  readonly stem: string;
  readonly number: number | null;
  known: [number, number];
  hits: [number, number];
}

const memo = new Map<string, WordInfo>();
const MEMO_LIMIT = 20_000;

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
      known: [0, 0],
      hits: [0, 0],
    };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(raw, info);
  }
  return info;
}

/** The latest sentences tokenised: the judge and the rules read the same sentences, so each is done once. */
const recent = new Map<string, { base: number; tokens: Token[] }>();
const RECENT_LIMIT = 2_048;

/**
 * Tokenises `text` (a slice of the document starting at `base`) into stemmed tokens. The array may be
 * shared with other callers asking for the same text at the same place: read it, never change it.
 */
export function tokenize(text: string, base = 0): Token[] {
  const hit = recent.get(text);
  if (hit !== undefined && hit.base === base) return hit.tokens;
  const tokens = scan(text, base);
  if (recent.size >= RECENT_LIMIT) recent.clear();
  recent.set(text, { base, tokens });
  return tokens;
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
    tokens.push({
      word: info.word,
      stem: info.stem,
      start: base + index,
      end: base + index + raw.length,
      clauseBreak,
      // "80% of emails" is a share, not a count of anything.
      number: info.number !== null && normalised[index + raw.length] === "%" ? null : info.number,
      info,
    });
    last = index + raw.length;
  }
  return tokens;
}
