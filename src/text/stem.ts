// The Porter stemmer from its own module: the root of `natural` is slow to load and prints to stdout.
import porter from "natural/lib/natural/stemmers/porter_stemmer.js";
import { BoundedCache } from "./bounded-cache.js";
import { HASH_START, hashStep } from "./hash.js";

const porterStem = (porter as { stem(w: string): string }).stem;

const memo = new BoundedCache<string, string>(5_000);

/** Porter stem of a lowercased word, memoised (tokens ask once per distinct word: see words.ts). */
export function stem(word: string): string {
  let s = memo.get(word);
  if (s === undefined) {
    s = (table && fromTable(table, word)) ?? porterStem(word);
    memo.set(word, s);
  }
  return s;
}

/**
 * Stems worked out at build time for the common words (rules/common-words.txt), so that a run, above all a
 * short one, does not stem them again: the stemmer takes some 10 µs a word, more while it warms up. The
 * table's text has one line per bucket of words by hash, each entry `|word=stem` (ASCII); a bucket is read
 * from the bytes when first searched, never parsed, so that loading the table costs next to nothing.
 */
const TABLE_BUCKETS = 1024;

// The table is ASCII, which UTF-8 decodes as is (natively, where spreading bytes into String.fromCharCode is slow).
const ascii = new TextDecoder();

class StemTable {
  private readonly buckets = new Array<string | undefined>(TABLE_BUCKETS).fill(undefined);

  /** `starts[i]` is where bucket i begins in `bytes`; one more ends the last. */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly starts: Int32Array,
  ) {}

  bucket(i: number): string {
    return (this.buckets[i] ??= ascii.decode(this.bytes.subarray(this.starts[i], this.starts[i + 1]! - 1)));
  }
}

let table: StemTable | null = null;

function bucketOf(word: string): number {
  let hash = HASH_START;
  for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
  return hash & (TABLE_BUCKETS - 1);
}

function fromTable(stems: StemTable, word: string): string | undefined {
  const bucket = stems.bucket(bucketOf(word));
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
    // Printable ASCII only (the table is read byte by byte), and never the table's own separators.
    if (/[^\x21-\x7e]|[|=]/.test(word)) continue;
    buckets[bucketOf(word)] += `|${word}=${porterStem(word)}`;
  }
  return buckets.join("\n");
}

/** Uses a stem table (stemTableText, as text or its bytes) from now on; one of another shape is ignored. */
export function useStemTable(content: string | Uint8Array): void {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  const starts = new Int32Array(TABLE_BUCKETS + 1);
  let at = 0;
  for (let i = 1; i < TABLE_BUCKETS; i++) {
    at = bytes.indexOf(10, at) + 1;
    if (at === 0) return void (table = null);
    starts[i] = at;
  }
  // The last bucket ends the text (no line break after it): it ends as if there were one.
  starts[TABLE_BUCKETS] = bytes.length + 1;
  table = bytes.indexOf(10, at) < 0 ? new StemTable(bytes, starts) : null;
}
