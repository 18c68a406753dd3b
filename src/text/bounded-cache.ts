/**
 * A memo with bounded memory that keeps what is used often. Entries go into a young map; when it is full it
 * becomes the old map and the previous old map is dropped. A hit in the old map moves the entry back to the
 * young one, so words every posting uses survive, and a feed with an endless vocabulary holds at most twice
 * `limit` entries. (Clearing one map when full would drop the common words with the rare ones and redo them.)
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}

/**
 * A copy of `s` that holds no reference to a larger string. V8 makes a substring of 13 characters or more a
 * view into its parent, so a memo keyed by a sentence or a long word of a 5 MB posting would keep the whole
 * posting alive. Strings a memo keeps go through this.
 */
export function detached(s: string): string {
  // Joining flattens into a new string; slicing that views only the copy.
  return (" " + s).slice(1);
}
