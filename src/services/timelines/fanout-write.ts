import { setTimeout as sleep } from "node:timers/promises";
import { AUTOCHECKPOINT_PAGES, checkpointSoon, walState } from "../../db/checkpointer.ts";
import { betweenTransactions, type TurnDeps, transactionSlice } from "../jobs/turns.ts";
import type { TimelineEntry } from "./entries.ts";
import { type TimelineRow, timelineRowsWriter } from "./rows.ts";
import { timelinesChanged } from "./touch.ts";

/** Rows per INSERT statement (a power of two: db/batch-statement.ts). */
const ROWS_PER_STATEMENT = 16;
/**
 * The WAL's length past which a fan-out waits for the checkpointing thread (db/checkpointer.ts) to
 * have copied all of it back, so that its next transaction starts the WAL over from its beginning.
 * SQLite starts the WAL over only at a transaction that begins after a complete checkpoint, which a
 * stream of fan-out transactions never leaves time for, and the thread's checkpoints are slower than
 * the fan-out's writes: the WAL then grows until a commit passes AUTOCHECKPOINT_PAGES and checkpoints
 * it by itself, with an fsync — 40 to 200 ms in one request, or in a worker's commit that the web
 * process's writes wait for (measured on the bench network, about every half second).
 * The longer the WAL may grow before the wait, the more the fan-out and the thread run side by side,
 * and the more a page written by several posts is copied back once: measured on the bench network
 * (10,000 recipients a post, each a page of a 1.2 GB timeline table), 78 µs a recipient past 32,000
 * pages, 63 past 64,000, 50 to 54 past 100,000 (400 MB of WAL, reused from its beginning after).
 */
const WAL_RESTART_PAGES = AUTOCHECKPOINT_PAGES / 2;
/** How often a waiting fan-out looks at the checkpoints' progress, and how long it waits at most. */
const WAL_POLL_MS = 1;
const WAL_WAIT_MS = 5000;

/** When the WAL is long, waits until it has all been copied back: the next transaction starts it over. */
async function letTheWalStartOver(db: WriterDeps["db"]): Promise<void> {
  if (walState(db).frames <= WAL_RESTART_PAGES) return;
  const deadline = performance.now() + WAL_WAIT_MS;
  checkpointSoon(db);
  while (walState(db).backlog > 0 && performance.now() < deadline) await sleep(WAL_POLL_MS);
}

/** An entry and the people it goes to, in ascending order. */
export interface Delivery {
  entry: TimelineEntry;
  owners: readonly string[];
}

export type WriterDeps = TurnDeps;

const insertRows = timelineRowsWriter(ROWS_PER_STATEMENT);

/** Strings in ascending order (SQLite's binary collation, for our ids). */
export const ascending = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `items`, `size` at a time (the last group may be smaller). */
function* inGroups<T>(items: Iterator<T>, size: number): Generator<T[]> {
  let group: T[] = [];
  for (let item = items.next(); !item.done; item = items.next()) {
    group.push(item.value);
    if (group.length === size) {
      yield group;
      group = [];
    }
  }
  if (group.length > 0) yield group;
}

/**
 * The rows of `deliveries` in the order of the table's key, owner then entry, merged as they are
 * written (no sort of every row at once, which would hold the process for as long as thousands of
 * inserts): each delivery's owners are in ascending order already.
 */
function* inKeyOrder(deliveries: readonly Delivery[]): Generator<TimelineRow> {
  const byEntry = [...deliveries].sort((a, b) => ascending(a.entry.entryId, b.entry.entryId));
  const next = byEntry.map(() => 0);
  for (;;) {
    let owner: string | undefined;
    byEntry.forEach((d, i) => {
      const candidate = d.owners[next[i] as number];
      if (candidate !== undefined && (owner === undefined || candidate < owner)) owner = candidate;
    });
    if (owner === undefined) return;
    for (const [i, d] of byEntry.entries()) {
      if (d.owners[next[i] as number] !== owner) continue;
      next[i] = (next[i] as number) + 1;
      yield {
        owner_id: owner,
        entry_id: d.entry.entryId,
        post_id: d.entry.postId,
        source_id: d.entry.sourceId,
      };
    }
  }
}

/**
 * What ending a fan-out transaction costs, per person it wrote to: their timelines' versions, and the
 * commit, which writes every page the transaction changed (mostly a leaf of each person's timeline)
 * to the WAL. On the bench network that was 1 ms for 30 people once the WAL file had its length, and
 * up to 7 ms while it grew: transactions that stopped inserting at their slice held the process 4 to
 * 11 ms. Learned from each transaction, so that the next one stops inserting in time to end within
 * its slice.
 */
export function closingCost() {
  let msPerPerson = 0;
  return {
    /** The estimated cost of ending a transaction that wrote to `people` timelines, in ms. */
    of: (people: number) => people * msPerPerson,
    /** Takes in what ending one that wrote to `people` timelines took. */
    learn(ms: number, people: number) {
      const sample = ms / Math.max(1, people);
      msPerPerson = msPerPerson === 0 ? sample : (msPerPerson + sample) / 2;
    },
  };
}

/**
 * Writes the entries into the home timelines, in the order of the table's key, so that the rows of
 * one person go to the same page, written once for all of them; in transactions of a slice each
 * (`transactionSlice`), their end included.
 * Returns how many rows it wrote (or found there already).
 */
export async function writeDeliveries(deps: WriterDeps, deliveries: readonly Delivery[]): Promise<number> {
  const statements = inGroups(inKeyOrder(deliveries), ROWS_PER_STATEMENT);
  const slice = transactionSlice(deps);
  const closing = closingCost();
  let written = 0;
  let next = statements.next();
  while (!next.done) {
    await letTheWalStartOver(deps.db);
    const began = performance.now();
    let closingFrom = began;
    let people = 0;
    await deps.db.transaction().execute(async (trx) => {
      // The rows come owner by owner: each owner once, in the order met.
      const owners: string[] = [];
      do {
        await insertRows(trx, next.value);
        for (const row of next.value) if (owners.at(-1) !== row.owner_id) owners.push(row.owner_id);
        written += next.value.length;
        next = statements.next();
      } while (!next.done && performance.now() - began + closing.of(owners.length) < slice);
      closingFrom = performance.now();
      people = owners.length;
      await timelinesChanged(trx, owners);
    });
    closing.learn(performance.now() - closingFrom, people);
    if (!next.done) await betweenTransactions(deps);
  }
  return written;
}
