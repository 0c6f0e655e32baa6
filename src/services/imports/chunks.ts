/**
 * Multi-row inserts in a few fixed sizes. A prepared statement is cached per SQL text, and an insert
 * of n rows has its own text: batches of every size would compile (and keep) a large statement each.
 * Cutting a list into power-of-two pieces (512, then what remains as 256, 128, … 1) keeps the number
 * of distinct statements small (about ten per table) whatever the sizes of the batches.
 */
export function* shapedChunks<T>(list: readonly T[], max = 512): Generator<T[]> {
  let at = 0;
  while (list.length - at >= max) {
    yield list.slice(at, at + max);
    at += max;
  }
  for (let size = max >> 1; size >= 1; size >>= 1) {
    if (list.length - at >= size) {
      yield list.slice(at, at + size);
      at += size;
    }
  }
}
