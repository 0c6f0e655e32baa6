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

/**
 * Runs the calling script again under the server's Node flags, unless it has them already, and exits
 * with its status: what a bench times in process (a rebuild, a fan-out) then runs as in the server and
 * the worker. Under V8's default young generation instead of the server's 4 MB, a rebuild met
 * scavenges of 7 to 10 ms (the survivors of a bigger space to copy), which made its p99 (2026-11-28:
 * 13.7 to 17 ms against 7 to 8.2 ms under the server's flags, the same people, one machine).
 */
export function underServerNodeFlags(script: string): void {
  const flags = serverNodeFlags();
  if (flags.every((flag) => process.execArgv.includes(flag))) return;
  const child = spawnSync(process.execPath, [...flags, "--import", "tsx", script, ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  process.exit(child.status ?? 1);
}
