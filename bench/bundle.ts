import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
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

/**
 * The Node flags `npm start` gives the server (package.json's start script, the one place they are
 * written): a 4 MB young generation, which keeps idle memory down at no measured cost in throughput.
 */
export function serverNodeFlags(root = ROOT): string[] {
  const start: string = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.start;
  const flags = /node ((?:--\S+ )*)dist\/liens\.mjs serve/.exec(start)?.[1] ?? "";
  return flags.split(" ").filter(Boolean);
}
