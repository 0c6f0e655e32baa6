/**
 * Rows from many sources (each person one follows), newest first across all of them, read from each
 * source a few at a time by its own index range: following 1,000 people costs one short seek per
 * person, whatever they wrote and however long ago, not a sort of everything they ever wrote.
 *
 * Rows are handed to `take` in exact order, once final: a row is final when no source that may hold
 * more has an unread row newer than it — at or above the *frontier*, the newest of the open sources'
 * last rows read. Then the source holding the frontier reads on (twice as many as before), until
 * `enough()`, every source is read out, or the frontier passes below `floor` (older rows are not
 * wanted).
 */
export async function mergeNewest<R extends { id: string }>(
  sources: readonly string[],
  fetch: (source: string, before: string | null, count: number) => Promise<R[]>,
  options: { before: string | null; floor?: string | null; first: number },
  take: (rows: R[]) => Promise<void>,
  enough: () => boolean,
): Promise<void> {
  const floor = options.floor ?? null;
  const open: { source: string; last: string; count: number }[] = [];
  let waiting: R[] = [];
  const read = (rows: R[], source: string, count: number) => {
    for (const row of rows) if (floor === null || row.id >= floor) waiting.push(row);
    const last = rows.at(-1)?.id;
    if (rows.length === count && last !== undefined && (floor === null || last >= floor))
      open.push({ source, last, count });
  };
  for (const source of sources)
    read(await fetch(source, options.before, options.first), source, options.first);
  for (;;) {
    waiting.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    let frontier: string | null = null;
    for (const o of open) if (frontier === null || o.last > frontier) frontier = o.last;
    let final = 0;
    while (final < waiting.length && (frontier === null || (waiting[final] as R).id >= frontier)) final++;
    if (final > 0) {
      await take(waiting.slice(0, final));
      waiting = waiting.slice(final);
      if (enough()) return;
    }
    const blocking = open.find((o) => o.last === frontier);
    if (!blocking) return;
    open.splice(open.indexOf(blocking), 1);
    const count = blocking.count * 2;
    read(await fetch(blocking.source, blocking.last, count), blocking.source, count);
  }
}
