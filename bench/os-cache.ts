import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readSync } from "node:fs";
import { join } from "node:path";
import { DATA_DIR } from "./generate.ts";

/** Every database file under bench/data (the populations and the benches' working copies). */
function dataFiles(): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(DATA_DIR, { withFileTypes: true })) {
    const path = join(DATA_DIR, entry.name);
    if (entry.isFile() && entry.name.endsWith(".db")) files.push(path);
    else if (entry.isDirectory())
      for (const inner of readdirSync(path)) if (inner.endsWith(".db")) files.push(join(path, inner));
  }
  return files;
}

/**
 * Puts the bench's working copy in the OS page cache, as a long-running server's working set is, and
 * takes the other copies out (GNU dd's `nocache`): the population and a working copy are 18 GB each,
 * the machine 24 GB, and without this every figure measured reads from the disk pages the copy has
 * just pushed out — a first minute after a cold start, not the steady state the budgets are about.
 */
export function holdInOsCache(workingCopy: string, log: (line: string) => void = console.log): void {
  const start = performance.now();
  for (const file of dataFiles())
    if (file !== workingCopy) spawnSync("dd", [`if=${file}`, "iflag=nocache", "count=0", "status=none"]);
  const buffer = Buffer.allocUnsafe(16 * 2 ** 20);
  let bytes = 0;
  for (const file of [workingCopy, `${workingCopy}-wal`]) {
    if (!existsSync(file)) continue;
    const fd = openSync(file, "r");
    try {
      for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) bytes += read;
    } finally {
      closeSync(fd);
    }
  }
  log(
    `OS page cache: ${(bytes / 2 ** 30).toFixed(1)} GiB of ${workingCopy} read in ${((performance.now() - start) / 1000).toFixed(1)} s (other copies dropped)`,
  );
}
