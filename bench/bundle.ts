import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");

/**
 * Builds what `npm start` runs (scripts/build.mjs) from the sources under `root` and returns the bundle's
 * path: the benches load the server people run, not the sources through the TypeScript loader.
 */
export function buildBundle(root = ROOT): string {
  const build = spawnSync(process.execPath, [join(root, "scripts", "build.mjs")], { cwd: root });
  if (build.status !== 0) throw new Error(`The build failed: ${build.stderr.toString()}`);
  return join(root, "dist", "liens.mjs");
}
