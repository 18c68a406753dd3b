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
}

// Words, numbers with thousands separators, and contractions ("isn't" stays one token).
const WORD = /\p{N}+(?:[.,]\p{N}{3})*(?:\.\p{N}+)?(?![\p{L}])|[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu;
const CLAUSE = /[,;:()\[\]–—|!?]|\s-\s|\.\s/;
const SPELLINGS: Record<string, string> = { "e-mail": "email", "e-mails": "emails" };

/** Tokenises `text` (a slice of the document starting at `base`) into stemmed tokens. */
export function tokenize(text: string, base = 0): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  const normalised = text.replace(/\be-mails?\b/gi, (m) => SPELLINGS[m.toLowerCase()]!.padEnd(m.length, " "));
  for (const m of normalised.matchAll(WORD)) {
    const index = m.index ?? 0;
    const word = m[0].toLowerCase().replace(/’/g, "'");
    const between = normalised.slice(last, index);
    const isNumber = /^\d[\d,.]*$/.test(word);
    const number = isNumber ? Number(word.replace(/,/g, "")) : null;
    tokens.push({
      word,
      stem: isNumber ? word : stem(word.replace(/'s$/, "")),
      start: base + index,
      end: base + index + m[0].length,
      clauseBreak: tokens.length > 0 && CLAUSE.test(between),
      number: number !== null && Number.isFinite(number) ? number : null,
    });
    last = index + m[0].length;
  }
  return tokens;
}
