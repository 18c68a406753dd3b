// The Porter stemmer from its own module: the root of `natural` is slow to load and prints to stdout.
import porter from "natural/lib/natural/stemmers/porter_stemmer.js";

const memo = new Map<string, string>();
const MEMO_LIMIT = 20_000;

/** Porter stem of a lowercased word, memoised: postings repeat the same few thousand words. */
export function stem(word: string): string {
  let s = memo.get(word);
  if (s === undefined) {
    s = (porter as { stem(w: string): string }).stem(word);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(word, s);
  }
  return s;
}
