/**
 * Summarises a V8 .cpuprofile (from `BENCH_SERVER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=…" npm run bench`):
 * self time by function and by package/area, and inclusive time of the app's own functions.
 *
 *   tsx bench/profile-summary.ts <file.cpuprofile> [top=25] [skip-ms=3000]
 *
 * The first `skip-ms` of the profile (start-up: module loading, migrations) are left out, and
 * percentages are of the busy (non-idle) time.
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, skipArg] = process.argv.slice(2);
if (!file) {
  console.error("Usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]");
  process.exit(2);
}
const top = Number(topArg ?? 25);
const skipUs = Number(skipArg ?? 3000) * 1000;
const raw = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(raw.nodes.map((n) => [n.id, n]));
// Keep the samples after start-up, and drop the idle ones.
const profile: Profile = { nodes: raw.nodes, samples: [], timeDeltas: [] };
let clock = 0;
raw.samples.forEach((id, i) => {
  clock += raw.timeDeltas[i] ?? 0;
  if (clock < skipUs || byId.get(id)?.callFrame.functionName === "(idle)") return;
  profile.samples.push(id);
  profile.timeDeltas.push(raw.timeDeltas[i] ?? 0);
});
const self = new Map<number, number>();
profile.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);

function area(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1] as string;
  const src = /\/(src|bench)\/(.+?)(\/[^/]+)?$/.exec(url);
  if (src) return `${src[1]}/${src[2]}`;
  if (url.startsWith("node:")) return url;
  return url.replace(/^.*\//, "");
}

const fnSelf = new Map<string, number>();
const areaSelf = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id);
  if (!n) continue;
  const { functionName, url, lineNumber } = n.callFrame;
  const key = `${functionName || "(anonymous)"} ${url.replace(/^.*\/(src|node_modules)\//, "$1/")}:${lineNumber + 1}`;
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + t);
  const a = area(url, functionName);
  areaSelf.set(a, (areaSelf.get(a) ?? 0) + t);
}

// Inclusive time per function (counted once per sample even under recursion).
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur);
    if (!n) break;
    const { functionName, url, lineNumber } = n.callFrame;
    if (!/\/src\//.test(url)) continue;
    const key = `${functionName || "(anonymous)"} ${url.replace(/^.*\/src\//, "src/")}:${lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
});

const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
const show = (title: string, map: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [k, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${pct(t)}  ${k}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s busy after the first ${skipUs / 1e6} s`);
show("Self time by area", areaSelf, top);
show("Self time by function", fnSelf, top);
show("Inclusive time of src/ functions", inclusive, top);
