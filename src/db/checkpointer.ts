import { Worker } from "node:worker_threads";
import { getLogger } from "@logtape/logtape";

/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever commit
 * pushes the WAL past its threshold — a request's, as likely as a fan-out's — and copies the WAL back
 * into the database with an fsync or two: tens of milliseconds on one request, on the event loop.
 * Instead, a thread with its own connection checkpoints every few hundred milliseconds (PASSIVE:
 * never waits for, nor blocks, the writer), and the process's connection checkpoints by itself only
 * past AUTOCHECKPOINT_PAGES, a safety net should the thread fall behind.
 */
export const AUTOCHECKPOINT_PAGES = 16_000;
export const CHECKPOINT_INTERVAL_MS = 200;

/** The thread's code: plain JavaScript (it runs as is, in the bundle or not). */
const THREAD_SOURCE = `
const { DatabaseSync } = process.getBuiltinModule("node:sqlite");
const { parentPort, workerData } = process.getBuiltinModule("node:worker_threads");
const db = new DatabaseSync(workerData.path);
db.exec("PRAGMA synchronous = NORMAL");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const backlog = new Int32Array(workerData.backlog);
const timer = setInterval(() => {
  try {
    const { log, checkpointed } = checkpoint.get();
    if (log >= 0 && checkpointed >= 0) Atomics.store(backlog, 0, log - checkpointed);
  } catch {
    // Busy or closed: the next tick tries again; the writer's own checkpoint is the safety net.
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Pages written to the WAL and not yet copied back, as of the thread's last checkpoint. */
  backlog(): number;
  stop(): Promise<void>;
}

/** Starts the checkpointing thread for the SQLite database at `path`. */
export function startCheckpointer(path: string, intervalMs = CHECKPOINT_INTERVAL_MS): Checkpointer {
  const backlog = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { path, intervalMs, backlog: backlog.buffer },
  });
  // It never keeps the process alive by itself.
  worker.unref();
  worker.on("error", (error) =>
    getLogger(["liens", "db"]).warn("The checkpointing thread stopped: {error}", { error }),
  );
  return {
    backlog: () => Atomics.load(backlog, 0),
    stop: () =>
      new Promise<void>((resolve) => {
        // Held by the process until it has closed its connection.
        worker.ref();
        worker.once("exit", () => resolve());
        worker.postMessage("stop");
      }),
  };
}

const backlogs = new WeakMap<object, () => number>();

/** Makes `checkpointer`'s backlog known as that of `db`'s database (walBacklog). */
export function registerWalBacklog(db: object, checkpointer: Checkpointer): void {
  backlogs.set(db, () => checkpointer.backlog());
}

/**
 * How far the WAL of `db`'s database is ahead of its checkpoints (0 when no thread checkpoints it:
 * PostgreSQL, or a short-lived process): for a long bulk write to wait for the thread, rather than
 * grow the WAL until a commit — maybe a request's — checkpoints it all by itself.
 */
export function walBacklog(db: object): number {
  return backlogs.get(db)?.() ?? 0;
}
