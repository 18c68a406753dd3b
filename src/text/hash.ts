/** A word's hash (FNV-1a over its lowercased character codes): the tokenizer takes it while reading a word. */
export const HASH_START = 0x811c9dc5 | 0;

/** Adds a lowercased character code to a word's hash. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 16777619);
}
