import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import {
  advanceInPlace,
  assignLayers,
  displayedStrength,
  type TieState,
} from "../../domain/relationships/index.ts";
import type { Layer } from "../../domain/relationships/types.ts";
import type { Deps } from "../deps.ts";
import { enqueue } from "../jobs/queue.ts";
import { derivedColumns, nextChangeAt, parseState, uncappedLayer } from "./columns.ts";

/** Ties read per round trip, in (owner, other) order. */
const PAGE = 250;
/** Rows written per statement (and per transaction). */
const WRITE_CHUNK = 100;
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
 */
async function decayOwner(rows: DecayRow[], nowMs: number, pause: Pause, moved: Moved[], staged: Staged[]) {
  const ties: { row: DecayRow; state: TieState; changes: number; strength: number }[] = [];
  for (const row of rows) {
    await pause();
    // A fresh object from the row: it may be advanced in place.
    const state = parseState(row);
    const changes = state.history.length;
    advanceInPlace(state, nowMs);
    ties.push({ row, state, changes, strength: displayedStrength(state, nowMs) });
  }
  await pause();
  const layers = assignLayers(
    ties.map(({ row, state, strength }) => {
      const base = { id: row.other_key, layer: uncappedLayer(state, nowMs), strength };
      const pinned = state.settings.pinnedLayer;
      return pinned === undefined ? base : { ...base, pinnedLayer: pinned };
    }),
  );
  for (const [i, { row, state, changes, strength }] of ties.entries()) {
    const layer = (layers[i]?.layer ?? 500) as Layer;
    if (state.stage !== row.stage || state.history.length !== changes) {
      await pause();
      staged.push({
        owner: row.owner_id,
        key: row.other_key,
        ifState: row.state,
        set: { ...derivedColumns(state, nowMs), layer },
      });
    } else if (layer !== row.layer || Math.abs(strength - row.strength) >= 1e-4) {
      const next = nextChangeAt(state, nowMs);
      moved.push({
        owner: row.owner_id,
        key: row.other_key,
        computedAt: row.computed_at,
        strength,
        layer,
        nextChangeAt: next === null ? null : new Date(next).toISOString(),
      });
    }
  }
}

/**
 * Writes moved strengths and layers, one statement per WRITE_CHUNK rows (an UPDATE … FROM VALUES, the
 * same SQL on SQLite and PostgreSQL), and moved stages row by row. A tie that a new fact recomputed
 * meanwhile (another computed_at or state) keeps that newer view.
 */
async function writeChanges(db: Kysely<Database>, moved: Moved[], staged: Staged[], pause: Pause) {
  for (let i = 0; i < moved.length; i += WRITE_CHUNK) {
    const values = moved
      .slice(i, i + WRITE_CHUNK)
      .map((m) => sql`(${m.owner}, ${m.key}, ${m.computedAt}, ${m.strength}, ${m.layer}, ${m.nextChangeAt})`);
    await sql`update ties set
        strength = cast(v.column4 as double precision),
        layer = cast(v.column5 as integer),
        next_change_at = v.column6
      from (values ${sql.join(values)}) as v
      where ties.owner_id = v.column1 and ties.other_key = v.column2 and ties.computed_at = v.column3`.execute(
      db,
    );
    await pause();
  }
  for (let i = 0; i < staged.length; i += WRITE_CHUNK) {
    await db.transaction().execute(async (tx) => {
      for (const s of staged.slice(i, i + WRITE_CHUNK)) {
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
}

/** The next page of ties after a tie, or after every tie of an owner (`key` null). */
async function readPage(db: Kysely<Database>, after: { owner: string; key: string | null }) {
  return db
    .selectFrom("ties")
    .select(["owner_id", "other_key", "state", "stage", "layer", "strength", "computed_at"])
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
  let pending: DecayRow[] = [];
  let moved: Moved[] = [];
  let staged: Staged[] = [];
  const flush = async () => {
    await writeChanges(deps.db, moved, staged, pause);
    moved = [];
    staged = [];
  };
  for (;;) {
    const page = await readPage(deps.db, cursor);
    const last = page.at(-1);
    if (last) cursor = { owner: last.owner_id, key: last.other_key };
    for (const row of page) {
      if (pending.length > 0 && pending[0]?.owner_id !== row.owner_id) {
        await decayOwner(pending, nowMs, pause, moved, staged);
        owners += 1;
        ties += pending.length;
        const owner = pending[0]?.owner_id ?? "";
        pending = [];
        if (moved.length + staged.length >= WRITE_CHUNK) await flush();
        if (performance.now() - started >= budgetMs) {
          await flush();
          return { after: owner, owners, ties };
        }
      }
      pending.push(row);
    }
    await pause();
    if (page.length < PAGE) break;
  }
  if (pending.length > 0) {
    await decayOwner(pending, nowMs, pause, moved, staged);
    owners += 1;
    ties += pending.length;
  }
  await flush();
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
