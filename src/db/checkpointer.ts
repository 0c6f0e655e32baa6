import { Worker } from "node:worker_threads";

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the COMMIT that
 * crosses its threshold: on the connection every request shares, that commit then copies megabytes
 * back into the database file and syncs it while requests wait (the long tail of posting, of pages
 * during the nightly decay). The web process turns it off and this thread, with its own connection,
 * checkpoints passively every second instead: it never blocks readers or the writer, and the writer
 * starts the log over once everything in it has been copied.
 */
const SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const { DatabaseSync } = require("node:sqlite");
const db = new DatabaseSync(workerData.path);
db.exec("PRAGMA busy_timeout = 1000");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const timer = setInterval(() => {
  try { checkpoint.get(); } catch {}
}, workerData.everyMs);
parentPort.once("message", () => {
  clearInterval(timer);
  try { checkpoint.get(); } catch {}
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(path: string, everyMs = 1000): Checkpointer {
  const worker = new Worker(SOURCE, {
    eval: true,
    workerData: { path, everyMs },
    // A dozen lines of JavaScript: a small heap keeps the thread's memory small.
    resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 8 },
  });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  let stopping: Promise<void> | null = null;
  return {
    stop() {
      if (!stopping) {
        // Kept alive while it finishes: an unreferenced thread would let the process end mid-await.
        worker.ref();
        worker.postMessage("stop");
        stopping = exited;
      }
      return stopping;
    },
  };
}
