/**
 * A compact index from string keys to staging positions, for keys of every staged person (tens of
 * thousands of them): 32-bit hashes in an open-addressing table of two Int32Arrays (about 16 bytes a
 * key), never the keys themselves. A lookup gives candidate positions; two keys may share a hash, so
 * the caller checks each candidate against the staged row before trusting it.
 */

const EMPTY = -1;
const NONE: readonly number[] = Object.freeze([]);

/** FNV-1a over the UTF-16 code units. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export class PositionIndex {
  private hashes = new Int32Array(1024);
  private positions = new Int32Array(1024).fill(EMPTY);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(key: string, position: number): void {
    if ((this.count + 1) * 2 > this.positions.length) this.grow();
    this.put(hashKey(key), position);
    this.count++;
  }

  /** Positions added under a key with the same hash as `key`, smallest first (read-only). */
  candidates(key: string): readonly number[] {
    const hash = hashKey(key);
    const mask = this.positions.length - 1;
    let out: number[] | undefined;
    for (let slot = hash & mask; this.positions[slot] !== EMPTY; slot = (slot + 1) & mask) {
      if (this.hashes[slot] !== hash) continue;
      out ??= [];
      out.push(this.positions[slot] ?? EMPTY);
    }
    if (!out) return NONE;
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }

  clear(): void {
    this.hashes = new Int32Array(1024);
    this.positions = new Int32Array(1024).fill(EMPTY);
    this.count = 0;
  }

  private put(hash: number, position: number): void {
    const mask = this.positions.length - 1;
    let slot = hash & mask;
    while (this.positions[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.hashes[slot] = hash;
    this.positions[slot] = position;
  }

  private grow(): void {
    const hashes = this.hashes;
    const positions = this.positions;
    this.hashes = new Int32Array(hashes.length * 2);
    this.positions = new Int32Array(positions.length * 2).fill(EMPTY);
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i] ?? EMPTY;
      if (position !== EMPTY) this.put(hashes[i] ?? 0, position);
    }
  }
}
