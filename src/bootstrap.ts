import { join } from "node:path";
import { v7 as uuidv7 } from "uuid";
import type { Config } from "./config.ts";
import { type DatabaseHandle, type DatabaseOptions, migrate, openDatabase } from "./db/index.ts";
import { type Deps, systemClock } from "./services/deps.ts";
import { diskStorage } from "./services/storage.ts";
import { type OffsetClock, offsetClock } from "./services/test-clock.ts";

/** Production scrypt cost: N = 2^15 (32 MiB, tens of milliseconds per hash). */
export const PASSWORD_COST = 15;

/** Opens the database, applies pending migrations, and wires the dependencies every verb takes. */
export async function bootstrap(
  config: Config,
  options: Pick<DatabaseOptions, "longRunning" | "checkpoints"> = {},
): Promise<{ deps: Deps; database: DatabaseHandle; testClock?: OffsetClock }> {
  const testClock = config.testClock ? offsetClock() : undefined;
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    longRunning: options.longRunning === true,
    checkpoints: options.checkpoints !== false,
  });
  await migrate(database.db);
  const deps: Deps = {
    db: database.db,
    clock: testClock ?? systemClock,
    newId: uuidv7,
    config,
    storage: diskStorage(join(config.dataDir, "media")),
    passwordCost: PASSWORD_COST,
  };
  return { deps, database, ...(testClock ? { testClock } : {}) };
}
