// The Porter stemmer from its own module: the root of `natural` is slow to load and prints to stdout.
import porter from "natural/lib/natural/stemmers/porter_stemmer.js";
import { BoundedCache } from "./bounded-cache.js";

const memo = new BoundedCache<string, string>(5_000);

/** Porter stem of a lowercased word, memoised (tokens ask once per distinct word: see words.ts). */
export function stem(word: string): string {
  let s = memo.get(word);
  if (s === undefined) {
    s = (porter as { stem(w: string): string }).stem(word);
    memo.set(word, s);
  }
  return s;
}
