import { Worker } from "node:worker_threads";
import { getLogger } from "@logtape/logtape";
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

/**
 * The thread's code: plain JavaScript (it runs as is, in the bundle or not). It checkpoints every
 * interval, or at once when woken (`checkpointSoon`).
 */
const THREAD_SOURCE = `
const { DatabaseSync } = process.getBuiltinModule("node:sqlite");
const { workerData } = process.getBuiltinModule("node:worker_threads");
const [WAKE, STOP] = [${WAKE}, ${STOP}];
const db = new DatabaseSync(workerData.path);
db.exec("PRAGMA synchronous = NORMAL");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const state = new Int32Array(workerData.state);
while (Atomics.load(state, STOP) === 0) {
  Atomics.wait(state, WAKE, 0, workerData.intervalMs);
  Atomics.store(state, WAKE, 0);
  try {
    checkpoint.get();
  } catch {
    // Busy: the next round tries again; the writer's own checkpoint is the safety net.
  }
}
db.close();
`;

export interface Checkpointer {
  /** The WAL's length and backlog now (db/wal-index.ts). */
  progress(): WalProgress;
  /** Wakes the thread to checkpoint now, rather than at the end of its interval. */
  checkpointSoon(): void;
  stop(): Promise<void>;
}

/** Starts the checkpointing thread for the SQLite database at `path`. */
export function startCheckpointer(path: string, intervalMs = CHECKPOINT_INTERVAL_MS): Checkpointer {
  const state = new Int32Array(new SharedArrayBuffer(2 * 4));
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { path, intervalMs, state: state.buffer },
  });
  // It never keeps the process alive by itself.
  worker.unref();
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
    stop: () =>
      new Promise<void>((resolve) => {
        // Held by the process until it has closed its connection.
        worker.ref();
        worker.once("exit", () => {
          walIndex.close();
          resolve();
        });
        Atomics.store(state, STOP, 1);
        wake();
      }),
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
