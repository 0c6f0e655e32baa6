import { type Kysely, sql } from "kysely";
import { batchStatement } from "../../db/batch-statement.ts";
import type { Database } from "../../db/schema.ts";
import {
  advanceInPlace,
  assignLayers,
  displayedStrength,
  type LayerCandidate,
} from "../../domain/relationships/index.ts";
import type { Layer } from "../../domain/relationships/types.ts";
import type { Deps } from "../deps.ts";
import { enqueue } from "../jobs/queue.ts";
import { derivedColumns, nextChangeAt, parseState, uncappedLayer } from "./columns.ts";

/** Ties read per round trip, in (owner, other) order. */
const PAGE = 250;
/** Rows written per statement. */
const WRITE_CHUNK = 128;
/** Moved stages written per transaction (one statement per tie): a short hold of the connection. */
const STAGED_CHUNK = 20;
/** The job gives the event loop back after this much work, so a web request waits at most about this. */
const SLICE_MS = 2;
/** A chunk job stops (at an owner's end) after this long and enqueues the next one (no lease expires). */
const CHUNK_MS = 5_000;

export const DECAY_KIND = "ties.decay";
export const DECAY_CHUNK_KIND = "ties.decay-chunk";

interface DecayRow {
  owner_id: string;
  other_key: string;
  state: string;
  stage: string;
  layer: number;
  strength: number;
  next_change_at: string | null;
  computed_at: string;
}

/** A tie whose strength, layer or next change moved: written without its state. */
interface Moved {
  owner: string;
  key: string;
  computedAt: string;
  strength: number;
  layer: Layer;
  nextChangeAt: string | null;
}

/** A tie whose stage moved: its whole state is written, if no fact changed it meanwhile. */
interface Staged {
  owner: string;
  key: string;
  ifState: string;
  set: ReturnType<typeof derivedColumns> & { layer: Layer };
}

/** What the writer keeps: moved strengths alone (most ties, no index to touch), moved layers, stages. */
interface Changes {
  strengths: Moved[];
  layers: Moved[];
  staged: Staged[];
}

/** Gives the event loop back when the current slice of work has run SLICE_MS. */
function slicer() {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

type Pause = ReturnType<typeof slicer>;

/**
 * Lets the clock run for every tie of one owner: stages move by silence (fading, dormant), strength
 * decays, and the Dunbar caps (5/15/50/150) are applied over the owner's ties, demoting the weakest.
 * Only what changed is kept for writing; the state itself only when the stage moved.
 *
 * Each tie's parsed state is dropped at once, and what is kept per tie until the caps are applied is
 * numbers in typed arrays, not objects holding the rows' strings: V8 may allocate such objects straight
 * in the old generation (allocation-site pretenuring, after the biggest owners), and dead, they would
 * keep young strings alive through minor GCs (measured on the 10k-account ledger: twice the minor-GC
 * time, pauses up to 26 ms instead of 8).
 */
async function decayOwner(rows: DecayRow[], nowMs: number, pause: Pause, changes: Changes) {
  const strengths = new Float64Array(rows.length);
  /** When the passing of time next changes the tie (NaN: never). */
  const nexts = new Float64Array(rows.length).fill(Number.NaN);
  /** The new derived columns of the ties whose stage moved (few). */
  const movedStages = new Map<number, ReturnType<typeof derivedColumns>>();
  const candidates: LayerCandidate[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as DecayRow;
    await pause();
    // A fresh object from the row: it may be advanced in place.
    const state = parseState(row);
    const stages = state.history.length;
    advanceInPlace(state, nowMs);
    const strength = displayedStrength(state, nowMs);
    strengths[i] = strength;
    if (state.stage !== row.stage || state.history.length !== stages) {
      movedStages.set(i, derivedColumns(state, nowMs));
    } else {
      nexts[i] = nextChangeAt(state, nowMs) ?? Number.NaN;
    }
    const base = { id: row.other_key, layer: uncappedLayer(state, nowMs), strength };
    const pinned = state.settings.pinnedLayer;
    candidates.push(pinned === undefined ? base : { ...base, pinnedLayer: pinned });
  }
  await pause();
  const layers = assignLayers(candidates);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as DecayRow;
    await pause();
    const layer = (layers[i]?.layer ?? 500) as Layer;
    const owner = row.owner_id;
    const key = row.other_key;
    const set = movedStages.get(i);
    const strength = strengths[i] ?? 0;
    if (set) {
      changes.staged.push({ owner, key, ifState: row.state, set: { ...set, layer } });
    } else if (layer !== row.layer || Math.abs(strength - row.strength) >= 1e-4) {
      const next = nexts[i] ?? Number.NaN;
      const nextChangeAt = Number.isNaN(next) ? null : new Date(next).toISOString();
      const moved = { owner, key, computedAt: row.computed_at, strength, layer, nextChangeAt };
      const same = layer === row.layer && nextChangeAt === row.next_change_at;
      (same ? changes.strengths : changes.layers).push(moved);
    }
  }
}

/** UPDATE … FROM VALUES, the same SQL on SQLite and PostgreSQL; a tie recomputed meanwhile is left. */
const writeStrengths = batchStatement<Database, Moved>(
  ["owner", "key", "computedAt", "strength"],
  (db, rows) =>
    sql`update ties set strength = cast(v.column4 as double precision)
      from (values ${sql.join(rows.map((m) => sql`(${m.owner}, ${m.key}, ${m.computedAt}, ${m.strength})`))}) as v
      where ties.owner_id = v.column1 and ties.other_key = v.column2 and ties.computed_at = v.column3`.compile(
      db,
    ),
  WRITE_CHUNK,
);

const writeLayers = batchStatement<Database, Moved>(
  ["owner", "key", "computedAt", "strength", "layer", "nextChangeAt"],
  (db, rows) =>
    sql`update ties set
        strength = cast(v.column4 as double precision),
        layer = cast(v.column5 as integer),
        next_change_at = v.column6
      from (values ${sql.join(
        rows.map(
          (m) => sql`(${m.owner}, ${m.key}, ${m.computedAt}, ${m.strength}, ${m.layer}, ${m.nextChangeAt})`,
        ),
      )}) as v
      where ties.owner_id = v.column1 and ties.other_key = v.column2 and ties.computed_at = v.column3`.compile(
      db,
    ),
  WRITE_CHUNK,
);

/**
 * Writes moved strengths (only that column: no index to update) and moved layers or next changes, one
 * statement of WRITE_CHUNK rows each, in autocommit (inside a transaction, SQLite would also write a
 * statement journal for each multi-row update); the rest waits for the next flush unless `all`. Moved
 * stages are written row by row, STAGED_CHUNK per transaction. A tie that a new fact recomputed
 * meanwhile (another computed_at or state) keeps that newer view. Written rows leave `changes`.
 */
async function writeChanges(db: Kysely<Database>, changes: Changes, pause: Pause, all: boolean) {
  for (const [write, rows] of [
    [writeStrengths, changes.strengths],
    [writeLayers, changes.layers],
  ] as const) {
    let written = 0;
    for (; rows.length - written >= WRITE_CHUNK || (all && written < rows.length); written += WRITE_CHUNK) {
      await write(db, rows.slice(written, written + WRITE_CHUNK));
      await pause();
    }
    rows.splice(0, written);
  }
  const { staged } = changes;
  for (let i = 0; i < staged.length; i += STAGED_CHUNK) {
    await db.transaction().execute(async (tx) => {
      for (const s of staged.slice(i, i + STAGED_CHUNK)) {
        await tx
          .updateTable("ties")
          .set(s.set)
          .where("owner_id", "=", s.owner)
          .where("other_key", "=", s.key)
          .where("state", "=", s.ifState)
          .execute();
      }
    });
    await pause();
  }
  staged.length = 0;
}

/** The next page of ties after a tie, or after every tie of an owner (`key` null). */
async function readPage(db: Kysely<Database>, after: { owner: string; key: string | null }) {
  return db
    .selectFrom("ties")
    .select(["owner_id", "other_key", "state", "stage", "layer", "strength", "next_change_at", "computed_at"])
    .where((eb) =>
      after.key === null
        ? eb("owner_id", ">", after.owner)
        : eb(eb.refTuple("owner_id", "other_key"), ">", eb.tuple(after.owner, after.key)),
    )
    .orderBy("owner_id")
    .orderBy("other_key")
    .limit(PAGE)
    .execute();
}

export interface DecayProgress {
  /** The last owner handled, or null when every owner is done. */
  after: string | null;
  owners: number;
  ties: number;
}

/**
 * Runs the decay for the owners after `after` for about `budgetMs` (stopping at an owner's end),
 * reading ties a page at a time and giving the event loop back every few milliseconds.
 */
export async function decayChunk(
  deps: Pick<Deps, "db">,
  after: string,
  nowMs: number,
  budgetMs = CHUNK_MS,
): Promise<DecayProgress> {
  const started = performance.now();
  const pause = slicer();
  // The owner `after` itself is done.
  let cursor: { owner: string; key: string | null } = { owner: after, key: null };
  let owners = 0;
  let ties = 0;
  const pending: DecayRow[] = [];
  const changes: Changes = { strengths: [], layers: [], staged: [] };
  const due = () =>
    Math.max(changes.strengths.length, changes.layers.length) >= WRITE_CHUNK ||
    changes.staged.length >= STAGED_CHUNK;
  for (;;) {
    const page = await readPage(deps.db, cursor);
    const full = page.length === PAGE;
    const last = page.at(-1);
    if (last) cursor = { owner: last.owner_id, key: last.other_key };
    for (const row of page) {
      if (pending.length > 0 && pending[0]?.owner_id !== row.owner_id) {
        await decayOwner(pending, nowMs, pause, changes);
        owners += 1;
        ties += pending.length;
        const owner = pending[0]?.owner_id ?? "";
        // Emptied, not replaced: an array the GC already moved to the old generation would keep the
        // rows (and their state text) alive through its stale slots until the next full collection.
        pending.length = 0;
        if (due()) await writeChanges(deps.db, changes, pause, false);
        if (performance.now() - started >= budgetMs) {
          await writeChanges(deps.db, changes, pause, true);
          return { after: owner, owners, ties };
        }
      }
      pending.push(row);
    }
    page.length = 0;
    await pause();
    if (!full) break;
  }
  if (pending.length > 0) {
    await decayOwner(pending, nowMs, pause, changes);
    owners += 1;
    ties += pending.length;
  }
  await writeChanges(deps.db, changes, pause, true);
  return { after: null, owners, ties };
}

/** The whole network at once (tests, benchmark): every chunk in a row. */
export async function decayAll(deps: Pick<Deps, "db">, nowMs: number, budgetMs = CHUNK_MS) {
  let after = "";
  let owners = 0;
  let ties = 0;
  for (;;) {
    const progress = await decayChunk(deps, after, nowMs, budgetMs);
    owners += progress.owners;
    ties += progress.ties;
    if (progress.after === null) return { owners, ties };
    after = progress.after;
  }
}

/** Daily (recurring): starts a chain of chunk jobs over every owner, all at the same "now". */
export async function startDecay(deps: Deps): Promise<void> {
  await enqueue(deps, {
    kind: DECAY_CHUNK_KIND,
    key: DECAY_CHUNK_KIND,
    payload: { after: "", now: deps.clock.now().toISOString() },
  });
}

/** One chunk of the daily decay, then the next chunk as a new job (the web keeps answering between). */
export async function runDecayChunk(deps: Deps, payload: unknown): Promise<void> {
  const { after, now } = (payload ?? {}) as { after?: unknown; now?: unknown };
  const nowMs = typeof now === "string" ? Date.parse(now) : deps.clock.now().getTime();
  const progress = await decayChunk(deps, typeof after === "string" ? after : "", nowMs);
  if (progress.after !== null) {
    await enqueue(deps, {
      kind: DECAY_CHUNK_KIND,
      key: `${DECAY_CHUNK_KIND}:${progress.after}`,
      payload: { after: progress.after, now: new Date(nowMs).toISOString() },
    });
  }
}
