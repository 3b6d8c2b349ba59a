// A least-recently-used cache bounded by an estimate of its size in bytes, not
// by its number of entries: 100 edits of one 30 kB formula left +844 MB of
// heap when the KaTeX render cache counted entries (each rendering ~7 MB).
// A Map keeps insertion order, so re-inserting on a hit makes the first key
// the least recently used.

export class BoundedCache<K, V> {
  // Two generations instead of evicting the least recently used entry one by one: deleting
  // a Map's first key again and again walks over the deleted slots (quadratic on a long run
  // of new keys). New entries go to `young`; when it holds half the budget it becomes `old`
  // and the previous old generation is dropped; a hit in `old` moves the entry back.
  private young = new Map<K, { value: V; bytes: number }>();
  private old = new Map<K, { value: V; bytes: number }>();
  private youngBytes = 0;
  private oldBytes = 0;

  /** `sizeOf` estimates the bytes an entry keeps alive (key included). */
  constructor(private readonly maxBytes: number, private readonly sizeOf: (key: K, value: V) => number) {}

  get(key: K): V | undefined {
    const y = this.young.get(key);
    if (y !== undefined) return y.value;
    const o = this.old.get(key);
    if (o === undefined) return undefined;
    this.old.delete(key);
    this.oldBytes -= o.bytes;
    this.put(key, o);
    return o.value;
  }

  set(key: K, value: V): void {
    const bytes = this.sizeOf(key, value);
    // An entry larger than half the budget is not kept at all.
    if (bytes > this.maxBytes / 2) return;
    const o = this.old.get(key);
    if (o) { this.old.delete(key); this.oldBytes -= o.bytes; }
    this.put(key, { value, bytes });
  }

  private put(key: K, e: { value: V; bytes: number }): void {
    const cur = this.young.get(key);
    if (cur) this.youngBytes -= cur.bytes;
    this.young.set(key, e);
    this.youngBytes += e.bytes;
    if (this.youngBytes > this.maxBytes / 2) {
      this.old = this.young;
      this.oldBytes = this.youngBytes;
      this.young = new Map();
      this.youngBytes = 0;
    }
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
    this.youngBytes = 0;
    this.oldBytes = 0;
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  /** Estimated bytes held (never more than the budget). */
  get heldBytes(): number {
    return this.youngBytes + this.oldBytes;
  }
}

/** Bytes of a string in V8 (two per UTF-16 unit at most) plus a little overhead. */
export function stringBytes(s: string): number {
  return 2 * s.length + 32;
}
