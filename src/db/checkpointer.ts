import { Worker } from "node:worker_threads";
import { getLogger } from "@logtape/logtape";
import { LOCK_HANDOVER_MS } from "./sqlite.ts";
import { openWalIndex, type WalProgress } from "./wal-index.ts";

/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever commit
 * pushes the WAL past its threshold — a request's, as likely as a fan-out's — and copies the WAL back
 * into the database with an fsync or two: tens of milliseconds on one request, on the event loop.
 * Instead, a thread with its own connection checkpoints every few hundred milliseconds (PASSIVE:
 * never waits for, nor blocks, the writer), and the process's connection checkpoints by itself only
 * past AUTOCHECKPOINT_PAGES, a safety net should the thread fall behind. Long bulk writes (the
 * fan-out) keep it from firing: past a length of WAL they wake the thread and wait until it has
 * copied everything back, so that their next transaction starts the WAL over (walState, checkpointSoon).
 */
/** Twice the WAL a fan-out fills before it waits for the thread (services/timelines/fanout-write.ts). */
export const AUTOCHECKPOINT_PAGES = 200_000;
export const CHECKPOINT_INTERVAL_MS = 200;

/** The slots of the state the thread shares with the process (an Int32Array). */
const WAKE = 0;
const STOP = 1;
const UPKEEP = 2;
/**
 * An upkeep statement runs at most this many times a request (search merges: services/search/merge.ts,
 * which holds itself to the same cap where no thread runs it), with the lock left free between two
 * (LOCK_HANDOVER_MS).
 */
export const UPKEEP_STEPS = 16;

/**
 * The thread's code: plain JavaScript (it runs as is, in the bundle or not). It checkpoints every
 * interval, or at once when woken (`checkpointSoon`). Asked to (`upkeepSoon`), it also runs each
 * upkeep statement, a transaction each time, until it changes nothing: writes that take the lock for
 * a few milliseconds at a time, which the process's writes wait for on its event loop (db/sqlite.ts)
 * instead of running them on it.
 */
const THREAD_SOURCE = `
const { DatabaseSync } = process.getBuiltinModule("node:sqlite");
const { workerData } = process.getBuiltinModule("node:worker_threads");
const [WAKE, STOP, UPKEEP] = [${WAKE}, ${STOP}, ${UPKEEP}];
const db = new DatabaseSync(workerData.path);
db.exec("PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 1000");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const changes = db.prepare("SELECT total_changes() AS n");
// Prepared when first run: the tables they name may not exist yet when the thread starts.
const upkeep = new Map();
const state = new Int32Array(workerData.state);
const changesSomething = (sql) => {
  db.exec("BEGIN IMMEDIATE");
  try {
    if (!upkeep.has(sql)) upkeep.set(sql, db.prepare(sql));
    const before = changes.get().n;
    upkeep.get(sql).run();
    const changed = changes.get().n !== before;
    db.exec("COMMIT");
    return changed;
  } catch {
    if (db.isTransaction) db.exec("ROLLBACK");
    return false;
  }
};
while (Atomics.load(state, STOP) === 0) {
  Atomics.wait(state, WAKE, 0, workerData.intervalMs);
  Atomics.store(state, WAKE, 0);
  try {
    checkpoint.get();
  } catch {
    // Busy: the next round tries again; the writer's own checkpoint is the safety net.
  }
  if (Atomics.exchange(state, UPKEEP, 0) === 1) {
    for (const sql of workerData.upkeep)
      for (let step = 0; step < ${UPKEEP_STEPS} && Atomics.load(state, STOP) === 0 && changesSomething(sql); step++)
        Atomics.wait(state, STOP, 0, ${LOCK_HANDOVER_MS});
  }
}
db.close();
`;

export interface Checkpointer {
  /** The WAL's length and backlog now (db/wal-index.ts). */
  progress(): WalProgress;
  /** Wakes the thread to checkpoint now, rather than at the end of its interval. */
  checkpointSoon(): void;
  /** Wakes the thread to run its upkeep statements. */
  upkeepSoon(): void;
  stop(): Promise<void>;
}

/**
 * Starts the checkpointing thread for the SQLite database at `path`, with the upkeep statements it
 * runs when asked.
 */
export function startCheckpointer(
  path: string,
  options: { intervalMs?: number; upkeep?: readonly string[] } = {},
): Checkpointer {
  const intervalMs = options.intervalMs ?? CHECKPOINT_INTERVAL_MS;
  const state = new Int32Array(new SharedArrayBuffer(3 * 4));
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { path, intervalMs, upkeep: options.upkeep ?? [], state: state.buffer },
  });
  // It never keeps the process alive by itself.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.on("error", (error) =>
    getLogger(["liens", "db"]).warn("The checkpointing thread stopped: {error}", { error }),
  );
  const walIndex = openWalIndex(path);
  const wake = () => {
    Atomics.store(state, WAKE, 1);
    Atomics.notify(state, WAKE);
  };
  return {
    progress: () => walIndex.progress(),
    checkpointSoon: wake,
    upkeepSoon: () => {
      Atomics.store(state, UPKEEP, 1);
      wake();
    },
    stop: async () => {
      // Held by the process until it has closed its connection (or at once, if it stopped by itself).
      worker.ref();
      Atomics.store(state, STOP, 1);
      wake();
      await exited;
      walIndex.close();
    },
  };
}

const checkpointers = new WeakMap<object, Checkpointer>();

/** Makes `checkpointer` known as that of `db`'s database (walState, checkpointSoon). */
export function registerCheckpointer(db: object, checkpointer: Checkpointer): void {
  checkpointers.set(db, checkpointer);
}

/**
 * The WAL of `db`'s database now: its length in pages, and how many of them wait to be copied back
 * (both 0 when no thread checkpoints it: PostgreSQL, or a short-lived process). For a long bulk write
 * to let the thread keep the WAL short, rather than grow it until a commit — maybe a request's —
 * checkpoints it all by itself.
 */
export function walState(db: object): WalProgress {
  return checkpointers.get(db)?.progress() ?? { frames: 0, backlog: 0 };
}

/** Asks `db`'s checkpointing thread, if it has one, to checkpoint now. */
export function checkpointSoon(db: object): void {
  checkpointers.get(db)?.checkpointSoon();
}

/** Asks `db`'s checkpointing thread to run its upkeep statements; false when it has no such thread. */
export function upkeepSoon(db: object): boolean {
  const checkpointer = checkpointers.get(db);
  checkpointer?.upkeepSoon();
  return checkpointer !== undefined;
}
