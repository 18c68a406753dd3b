// The Porter stemmer from its own module: the root of `natural` is slow to load and prints to stdout.
import porter from "natural/lib/natural/stemmers/porter_stemmer.js";
import { BoundedCache } from "./bounded-cache.js";
import { HASH_START, hashStep } from "./hash.js";

const memo = new BoundedCache<string, string>(5_000);

/** Porter stem of a lowercased word, memoised (tokens ask once per distinct word: see words.ts). */
export function stem(word: string): string {
  let s = memo.get(word);
  if (s === undefined) {
    s = (table && fromTable(table, word)) ?? (porter as { stem(w: string): string }).stem(word);
    memo.set(word, s);
  }
  return s;
}

/**
 * Stems worked out at build time for the common words (rules/common-words.txt), so that a run, above all a
 * short one, does not stem them again: the stemmer takes some 10 µs a word, more while it warms up. The
 * table's text has one line per bucket of words by hash, each entry `|word=stem`; it is searched, never
 * parsed, so that loading it costs nothing.
 */
const TABLE_BUCKETS = 1024;
let table: string[] | null = null;

function bucketOf(word: string): number {
  let hash = HASH_START;
  for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
  return hash & (TABLE_BUCKETS - 1);
}

function fromTable(buckets: string[], word: string): string | undefined {
  const bucket = buckets[bucketOf(word)] ?? "";
  const key = `|${word}=`;
  const at = bucket.indexOf(key);
  if (at < 0) return undefined;
  const end = bucket.indexOf("|", at + key.length);
  return bucket.slice(at + key.length, end < 0 ? bucket.length : end);
}

/** The stem table's text for these words, with the stems the stemmer gives them now. */
export function stemTableText(words: Iterable<string>): string {
  const buckets = Array.from({ length: TABLE_BUCKETS }, () => "");
  for (const word of new Set(words)) {
    if (/[|=\n]/.test(word)) continue;
    buckets[bucketOf(word)] += `|${word}=${(porter as { stem(w: string): string }).stem(word)}`;
  }
  return buckets.join("\n");
}

/** Uses a stem table (stemTableText) from now on; one of another shape is ignored. */
export function useStemTable(text: string): void {
  const buckets = text.split("\n");
  table = buckets.length === TABLE_BUCKETS ? buckets : null;
}
