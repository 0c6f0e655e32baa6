/**
 * The entry of the jobs thread of `liens serve` on SQLite (services/jobs/thread.ts): it opens its own
 * connection to the database and runs the fan-out jobs, apart from the web process's event loop and
 * heap. It loads only what those jobs need (a bundle of its own: scripts/build.mjs).
 */
import { join } from "node:path";
import { workerData } from "node:worker_threads";
import { v7 as uuidv7 } from "uuid";
import { PASSWORD_COST } from "./bootstrap.ts";
import type { Config } from "./config.ts";
import type { SharedCheckpointer } from "./db/checkpointer.ts";
import { openDatabase } from "./db/index.ts";
import { setUpLogging } from "./logging.ts";
import { type Deps, systemClock } from "./services/deps.ts";
import { type JobThreadControl, runJobsInThread } from "./services/jobs/thread.ts";
import { diskStorage } from "./services/storage.ts";
import { offsetClock } from "./services/test-clock.ts";
import { timelinesThreadJobs } from "./services/timelines/jobs.ts";

export interface JobsThreadData {
  config: Config;
  file: { path: string; checkpointer?: SharedCheckpointer };
  /** The test clock's offset, when the process has one (test mode). */
  clockOffset?: SharedArrayBuffer;
}

const data = workerData as JobsThreadData & { control: JobThreadControl };
await setUpLogging(data.config);
const database = await openDatabase({
  databaseUrl: `sqlite:${data.file.path}`,
  dataDir: data.config.dataDir,
  longRunning: true,
  ...(data.file.checkpointer ? { checkpointer: data.file.checkpointer } : { checkpoints: false }),
});
const deps: Deps = {
  db: database.db,
  clock: data.clockOffset ? offsetClock(systemClock, data.clockOffset) : systemClock,
  newId: uuidv7,
  // As far as the database's one write lock goes, the thread is a separate worker: its transactions
  // are those another connection's writes wait for (services/jobs/turns.ts).
  config: { ...data.config, worker: "separate" },
  storage: diskStorage(join(data.config.dataDir, "media")),
  passwordCost: PASSWORD_COST,
};
try {
  await runJobsInThread(deps, timelinesThreadJobs, data.control);
} finally {
  await database.destroy();
}
