/**
 * `npm run bench`: generates (or reuses) a population, then loads each endpoint of ENDPOINTS with
 * autocannon against the real server (production mode, pinned to CPU 0), interleaving runs against a
 * bare Hono "hello world" (also CPU 0, never at the same time) while the load generator runs on CPU 1.
 * Writes bench/results.md and prints a summary.
 *
 *   npm run bench -- [--accounts 100000] [--seed 42] [--runs 5] [--duration 5] [--warmup 2]
 *                    [--connections 50] [--only profile,signin,pymk] [--quick] [--fresh-copy]
 *                    [--source head|worktree] [--pymk-iterations 200]
 *
 * `pymk` (in `--only`, or by default) also measures people-you-may-know in process (bench/pymk.ts:
 * the viewer with 1,000 connections, p99 budget 50 ms), on CPU 0 like the servers.
 *
 * `--source head` (the default) runs a snapshot of the last commit (`git archive HEAD`): the servers,
 * pymk, the events and imports benches; so files being edited meanwhile cannot break or skew a run.
 * `--source worktree` runs the working tree.
 */

import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { v7 as uuidv7 } from "uuid";
import { migrate, openDatabase } from "../src/db/index.ts";
import { buildBundle, serverNodeFlags } from "./bundle.ts";
import { type BenchTargets, ENDPOINTS, type Endpoint } from "./endpoints.ts";
import { BENCH_DIR, DATA_DIR, ensurePopulation, type Population } from "./generate.ts";
import { holdInOsCache } from "./os-cache.ts";
import { PYMK_BUDGET_MS, type PymkResult } from "./pymk.ts";
import { keptSection } from "./results-sections.ts";
import { TIMELINE_ENDPOINTS } from "./timelines-endpoints.ts";
import { TIMELINES_HEADING } from "./timelines-report.ts";

const ROOT = join(BENCH_DIR, "..");
const NODE = process.execPath;
const AUTOCANNON = join(ROOT, "node_modules", "autocannon", "autocannon.js");
const SERVER_CPU = "0";
const CLIENT_CPU = "1";
const CLK_TCK = 100;

// ---------------------------------------------------------------------------------------------------
// Options

const { values: args } = parseArgs({
  options: {
    accounts: { type: "string" },
    seed: { type: "string", default: "42" },
    runs: { type: "string" },
    duration: { type: "string" },
    warmup: { type: "string" },
    connections: { type: "string", default: "50" },
    only: { type: "string" },
    quick: { type: "boolean", default: false },
    "fresh-copy": { type: "boolean", default: false },
    "pymk-iterations": { type: "string", default: "200" },
    source: { type: "string", default: "head" },
    output: { type: "string", default: join(BENCH_DIR, "results.md") },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  console.log(readFileSync(new URL(import.meta.url), "utf8").split("*/")[0]);
  process.exit(0);
}
const quick = args.quick;
const options = {
  accounts: Number(args.accounts ?? (quick ? 10_000 : 100_000)),
  seed: Number(args.seed),
  runs: Number(args.runs ?? (quick ? 3 : 5)),
  duration: Number(args.duration ?? (quick ? 3 : 5)),
  warmup: Number(args.warmup ?? (quick ? 1 : 2)),
  connections: Number(args.connections),
};
for (const [key, value] of Object.entries(options)) {
  if (!Number.isFinite(value) || value < (key === "seed" ? 0 : 1)) throw new Error(`Invalid --${key}`);
}
const wanted = args.only?.split(",").map((s) => s.trim()) ?? [];
const endpoints = [...ENDPOINTS, ...TIMELINE_ENDPOINTS].filter(
  (e) => wanted.length === 0 || wanted.some((w) => e.name === w || e.name.startsWith(`${w}-`)),
);
/** The in-process people-you-may-know measurement: by default, or when `--only` names it. */
const runPymk = wanted.length === 0 || wanted.includes("pymk");
/** The events bench (bench/events.ts: its own small population): by default, or when `--only` names it. */
const runEvents = wanted.length === 0 || wanted.includes("events");
/** The import bench (bench/imports.ts: generated exports, in process): by default, or with `--only imports`. */
const runImports = wanted.length === 0 || wanted.includes("imports");
if (endpoints.length === 0 && !runPymk && !runEvents && !runImports)
  throw new Error(`--only matched nothing; endpoints: ${ENDPOINTS.map((e) => e.name)}, pymk`);

// ---------------------------------------------------------------------------------------------------
// Child processes: every one is tracked and killed (by its own pid) on exit or failure.

const children = new Set<ChildProcess>();
function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
  children.clear();
}
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    console.error(`\nInterrupted (${signal}): stopping child processes.`);
    killAll();
    process.exit(130);
  });
}

const hasTaskset = (() => {
  try {
    return existsSync("/usr/bin/taskset") || existsSync("/bin/taskset");
  } catch {
    return false;
  }
})();

/**
 * Other processes share these CPUs: the server and the load generator run at a raised priority
 * (`nice -n -10` when allowed; nice runs the command anyway when it is not) so they are not starved.
 */
const NICENESS = process.env.BENCH_NICE ?? "-10";
const hasNice = existsSync("/usr/bin/nice") && NICENESS !== "0";
/**
 * With the kernel's autogroup scheduling, nice only ranks processes within their session's group; the
 * group itself competes equally with every other session's. Raise this session group's weight too.
 */
function raiseAutogroup(): string {
  if (!hasNice) return "";
  try {
    writeFileSync("/proc/self/autogroup", NICENESS);
    return readFileSync("/proc/self/autogroup", "utf8").trim();
  } catch {
    return "";
  }
}

function pinned(cpu: string, argv: string[]): [string, string[]] {
  const full = [
    ...(hasNice ? ["nice", "-n", NICENESS] : []),
    ...(hasTaskset ? ["taskset", "-c", cpu] : []),
    ...argv,
  ];
  return [full[0] as string, full.slice(1)];
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// /proc readings

function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** utime + stime in clock ticks. */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function machine() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? "unknown";
  const mhz = /cpu MHz\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim();
  return {
    cpu: mhz ? `${model} (${Math.round(Number(mhz))} MHz)` : model,
    cores: cpus().length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    kernel: existsSync("/proc/version")
      ? readFileSync("/proc/version", "utf8").split(" ").slice(0, 3).join(" ")
      : "",
  };
}

/** Load average and the share of CPU time other processes used, to flag a busy machine. */
function busyness(): string {
  const load = existsSync("/proc/loadavg")
    ? readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")
    : "?";
  return `load average ${load}`;
}

function versionOf(pkg: string): string {
  try {
    return (
      JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }
    ).version;
  } catch {
    return "?";
  }
}

// ---------------------------------------------------------------------------------------------------
// The code under test: a snapshot of HEAD (stable while others edit the tree), or the working tree.

function prepareSource(): { root: string; label: string } {
  if (args.source === "worktree") {
    buildBundle(ROOT);
    return { root: ROOT, label: "working tree (uncommitted changes included)" };
  }
  if (args.source !== "head") throw new Error("--source is head or worktree");
  const git = (...argv: string[]) => execFileSync("git", argv, { cwd: ROOT }).toString().trim();
  const sha = git("rev-parse", "HEAD");
  const label = `HEAD ${sha.slice(0, 12)} “${git("log", "-1", "--format=%s")}”`;
  const dir = join(DATA_DIR, `src-${sha.slice(0, 12)}`);
  if (!existsSync(join(dir, ".complete"))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const archive = spawnSync("sh", ["-c", `git archive --format=tar HEAD | tar -x -C '${dir}'`], {
      cwd: ROOT,
    });
    if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr.toString()}`);
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    buildBundle(dir);
    writeFileSync(join(dir, ".complete"), `${sha}\n`);
  }
  return { root: dir, label };
}

// ---------------------------------------------------------------------------------------------------
// Working copy of the population (the server writes to it: sessions, WAL), plus the viewer's session.

interface Workspace {
  dir: string;
  token: string;
  log: string;
}

function prepareWorkspace(population: Population): Workspace {
  const dir = join(DATA_DIR, `run-${population.info.seed}-${population.info.accounts}`);
  const stamp = join(dir, "copied-from.json");
  const source = JSON.stringify({
    path: population.path,
    generatedAt: population.info.generatedAt,
    contactGeneratedAt: population.info.contact?.generatedAt,
  });
  const fresh = args["fresh-copy"] || !existsSync(stamp) || readFileSync(stamp, "utf8") !== source;
  if (fresh) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const start = performance.now();
    copyFileSync(population.path, join(dir, "liens.db"));
    const copied = performance.now();
    // The planner statistics the server computes at its first start (src/db refreshPlannerStatistics),
    // computed here so that start stays within its deadline on a multi-gigabyte population.
    const stats = new DatabaseSync(join(dir, "liens.db"));
    stats.exec("PRAGMA analysis_limit = 400; PRAGMA optimize = 0x10002;");
    stats.close();
    writeFileSync(stamp, source);
    console.log(
      `Working copy: ${dir} (copied in ${((copied - start) / 1000).toFixed(1)} s, planner statistics in ${((performance.now() - copied) / 1000).toFixed(1)} s)`,
    );
  } else {
    console.log(`Working copy: reusing ${dir}`);
  }
  // A fresh session for the viewer, made the way src/services/sessions/create.ts makes one.
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const db = new DatabaseSync(join(dir, "liens.db"));
  try {
    db.exec("PRAGMA busy_timeout = 5000");
    db.prepare("DELETE FROM sessions WHERE user_agent = 'liens-bench'").run();
    db.prepare(
      `INSERT INTO sessions (id, account_id, token_hash, user_agent, ip, created_at, last_seen_at, expires_at)
       VALUES (?, ?, ?, 'liens-bench', '127.0.0.1', ?, ?, ?)`,
    ).run(
      uuidv7(),
      population.info.viewer.id,
      createHash("sha256").update(token).digest("base64url"),
      now.toISOString(),
      now.toISOString(),
      new Date(now.getTime() + 30 * 24 * 3600 * 1000).toISOString(),
    );
  } finally {
    db.close();
  }
  return { dir, token, log: join(dir, "server.log") };
}

// ---------------------------------------------------------------------------------------------------
// Servers and load

interface Server {
  kind: "hello" | "liens";
  pid: number;
  port: number;
  child: ChildProcess;
}

let source = { root: ROOT, label: "working tree" };
/** hello.ts is copied under bench/data (git-ignored) so that edits or stashes in the tree cannot remove it mid-run. */
const HELLO = join(DATA_DIR, "hello.ts");

async function startServer(kind: Server["kind"], workspace: Workspace): Promise<Server> {
  const port = await freePort();
  // Both run as plain JavaScript: hello.ts through Node's own type stripping, Liens as `npm start` builds it.
  const script =
    kind === "hello"
      ? [HELLO]
      : [...serverNodeFlags(source.root), join(source.root, "dist", "liens.mjs"), "serve"];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    LIENS_DATA_DIR: workspace.dir,
    // The web process alone is measured: jobs run in their own process (`liens worker`), as on a
    // scaled deployment, so a job the fresh start schedules (timeline trim, decay) cannot skew a run.
    LIENS_WORKER: "separate",
  };
  delete env.DATABASE_URL;
  delete env.PUBLIC_URL;
  delete env.NODE_OPTIONS;
  const extra = process.env.BENCH_SERVER_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  const fd = openSync(workspace.log, "a");
  const [command, argv] = pinned(SERVER_CPU, [NODE, ...(kind === "liens" ? extra : []), ...script]);
  const cwd = kind === "hello" ? ROOT : source.root;
  const child = track(spawn(command, argv, { cwd, env, stdio: ["ignore", fd, fd] }));
  closeSync(fd);
  if (!child.pid) throw new Error(`Could not start the ${kind} server`);
  const url = `http://127.0.0.1:${port}${kind === "hello" ? "/" : "/health"}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`The ${kind} server exited (${child.exitCode}); see ${workspace.log}`);
    try {
      const response = await fetch(url);
      await response.text();
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`The ${kind} server did not answer within 60 s`);
    await sleep(100);
  }
  return { kind, pid: child.pid, port, child };
}

async function stopServer(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timeout = sleep(5000).then(() => "timeout");
  if ((await Promise.race([exited, timeout])) === "timeout") {
    child.kill("SIGKILL");
    await exited;
  }
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  bad: number;
  /** Server CPU use during the run (1 = one core busy), load generator's likewise. */
  serverCpu: number;
  clientCpu: number;
  /** Server CPU time per completed request, in µs: robust to other processes taking the CPU. */
  cpuPerRequest: number;
  peakRss: number;
}

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function autocannon(
  server: Server,
  path: string,
  headers: string[],
  seconds: number,
  connections = options.connections,
): Promise<Load> {
  const argv = [NODE, AUTOCANNON, "--json", "-c", String(connections), "-d", String(seconds)];
  for (const h of headers) argv.push("-H", h);
  argv.push(`http://127.0.0.1:${server.port}${path}`);
  const [command, rest] = pinned(CLIENT_CPU, argv);
  const child = track(spawn(command, rest, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] }));
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const started = performance.now();
  const serverTicks = cpuTicks(server.pid);
  let clientTicks = 0;
  let peakRss = rssBytes(server.pid);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssBytes(server.pid));
    if (child.pid) clientTicks = cpuTicks(child.pid) || clientTicks;
  }, 50);
  const killer = setTimeout(() => child.kill("SIGKILL"), (seconds + 30) * 1000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearInterval(sampler);
  clearTimeout(killer);
  const wall = (performance.now() - started) / 1000;
  const serverSeconds = (cpuTicks(server.pid) - serverTicks) / CLK_TCK;
  const serverCpu = serverSeconds / seconds;
  if (code !== 0) throw new Error(`autocannon failed (${code}): ${err.slice(0, 500)}`);
  const result = JSON.parse(out.trim().split("\n").pop() ?? "{}") as AutocannonJson;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    bad: result.non2xx + result.errors + result.timeouts,
    serverCpu,
    clientCpu: clientTicks / CLK_TCK / wall,
    cpuPerRequest: result.requests.total > 0 ? (serverSeconds * 1e6) / result.requests.total : 0,
    peakRss,
  };
}

interface Measured {
  load: Load;
  idleRss: number;
}

/** Start, warm up, read idle RSS, measure, stop. */
async function measure(
  kind: Server["kind"],
  workspace: Workspace,
  path: string,
  headers: string[],
  check?: (s: Server) => Promise<void>,
  connections = options.connections,
): Promise<Measured> {
  const server = await startServer(kind, workspace);
  try {
    if (check) await check(server);
    await autocannon(server, path, headers, options.warmup, connections);
    await sleep(500);
    const idleRss = rssBytes(server.pid);
    const load = await autocannon(server, path, headers, options.duration, connections);
    return { load, idleRss };
  } finally {
    await stopServer(server);
  }
}

// ---------------------------------------------------------------------------------------------------
// People you may know, in process (bench/pymk.ts in a child pinned like the servers)

async function measurePymkPinned(workspace: Workspace, viewerId: string): Promise<PymkResult> {
  const argv = [
    NODE,
    // As the server runs it (bench/bundle.ts).
    ...serverNodeFlags(source.root),
    "--import",
    "tsx",
    join(BENCH_DIR, "pymk.ts"),
    "--db",
    join(workspace.dir, "liens.db"),
    "--viewer",
    viewerId,
    "--src",
    source.root,
    "--iterations",
    String(Number(args["pymk-iterations"])),
    "--json",
  ];
  const [command, rest] = pinned(SERVER_CPU, argv);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  delete env.NODE_OPTIONS;
  const child = track(spawn(command, rest, { cwd: source.root, env, stdio: ["ignore", "pipe", "pipe"] }));
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const killer = setTimeout(() => child.kill("SIGKILL"), 600_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(killer);
  if (code !== 0) throw new Error(`bench/pymk.ts failed (${code}): ${err.slice(0, 1000)}`);
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as PymkResult;
}

// ---------------------------------------------------------------------------------------------------
// Statistics and report

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface EndpointResult {
  endpoint: Endpoint;
  path: string;
  hello: Measured[];
  app: Measured[];
  rps: number;
  helloRps: number;
  ratio: number;
  cpuPerRequest: number;
  helloCpuPerRequest: number;
  cpuRatio: number;
  p50: number;
  p99: number;
  pass: boolean;
  bad: number;
}

const IDLE_RSS_BUDGET = 150 * 2 ** 20;

async function main(): Promise<void> {
  const started = new Date();
  const info = machine();
  const loadBefore = busyness();
  console.log(`Liens bench — ${info.cpu}, ${info.cores} cores, ${info.memory}; Node ${process.version}`);
  if (!hasTaskset) console.warn("taskset not found: processes are NOT pinned to CPUs; figures are noisier.");
  if (info.cores < 2) console.warn("Fewer than 2 cores: server and load generator share a CPU.");

  const autogroup = raiseAutogroup();
  if (autogroup) console.log(`Scheduling: ${autogroup}`);
  source = prepareSource();
  mkdirSync(DATA_DIR, { recursive: true });
  copyFileSync(join(BENCH_DIR, "hello.ts"), HELLO);
  console.log(`Code under test: ${source.label}`);
  const population = await ensurePopulation({ seed: options.seed, accounts: options.accounts });
  const workspace = prepareWorkspace(population);
  {
    // Pending migrations, applied once here rather than by the first server's start.
    const database = await openDatabase({
      databaseUrl: `sqlite:${join(workspace.dir, "liens.db")}`,
      dataDir: workspace.dir,
    });
    const applied = await migrate(database.db);
    await database.destroy();
    if (applied.length > 0) console.log(`Working copy: applied ${applied.join(", ")}`);
  }
  holdInOsCache(join(workspace.dir, "liens.db"));
  const contact = population.info.contact;
  if (!contact) throw new Error("The population has no connections or conversations (generate.ts)");
  const targets: BenchTargets = {
    popularHandle: population.info.popular.handle,
    viewerHandle: population.info.viewer.handle,
    conversationId: contact.biggestConversation.id,
    conversationWithHandle: contact.biggestConversation.withHandle,
  };

  let pymk: PymkResult | null = null;
  if (runPymk) {
    console.log(`People you may know: ${args["pymk-iterations"]} calls in process (after 20 warm-up calls)…`);
    pymk = await measurePymkPinned(workspace, population.info.viewer.id);
    console.log(
      `  pymk: p50 ${pymk.p50} ms, p95 ${pymk.p95} ms, p99 ${pymk.p99} ms (budget < ${PYMK_BUDGET_MS} ms), ` +
        `${pymk.pairs} friend-of-friend rows through ${pymk.bridges} bridges, ${pymk.friendsOfFriends} distinct candidates`,
    );
  }
  // What a signed-in browser sends: its session, and the form token the sign-in form left it.
  const cookies = `liens_session=${workspace.token}; liens_csrf=${randomBytes(32).toString("base64url")}`;
  const cookie = `Cookie=${cookies}`;

  // One-time check that the viewer's session is recognised (a signed-in visitor is redirected from /signin).
  const sessionCheck = async (server: Server) => {
    const response = await fetch(`http://127.0.0.1:${server.port}/signin`, {
      headers: { cookie: cookies },
      redirect: "manual",
    });
    await response.text();
    if (response.status !== 303)
      throw new Error(`The bench session is not recognised (/signin → ${response.status})`);
  };

  const results: EndpointResult[] = [];
  const plannedSeconds = endpoints.length * options.runs * 2 * (options.warmup + options.duration + 2.5);
  console.log(
    `Loading ${endpoints.length} endpoint(s): ${options.runs} runs × ${options.duration} s (+${options.warmup} s warm-up), ` +
      `${options.connections} connections, interleaved with hello world — about ${Math.ceil(plannedSeconds / 60)} min.`,
  );
  let first = true;
  for (const endpoint of endpoints) {
    const path = endpoint.path(targets);
    const headers = endpoint.signedIn ? [cookie] : [];
    const probe = async (server: Server) => {
      if (first) await sessionCheck(server);
      first = false;
      const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
        headers: endpoint.signedIn ? { cookie: cookies } : {},
        redirect: "manual",
      });
      const body = await response.text();
      if (response.status !== endpoint.expectStatus)
        throw new Error(
          `${endpoint.name}: ${path} answered ${response.status}, expected ${endpoint.expectStatus}`,
        );
      const needle = endpoint.expectBody?.(targets);
      if (needle && !body.includes(needle))
        throw new Error(`${endpoint.name}: ${path} does not contain ${needle}`);
    };
    const hello: Measured[] = [];
    const app: Measured[] = [];
    for (let run = 1; run <= options.runs; run++) {
      // The same request headers to both (a signed-in row's cookies): Node parses them either way.
      hello.push(await measure("hello", workspace, "/", headers));
      app.push(
        await measure("liens", workspace, path, headers, run === 1 ? probe : undefined, endpoint.connections),
      );
      const h = hello.at(-1)?.load;
      const a = app.at(-1)?.load;
      if (h && a)
        console.log(
          `  ${endpoint.name.padEnd(15)} run ${run}/${options.runs}: hello ${fmt(h.rps)} req/s · liens ${fmt(a.rps)} req/s ` +
            `(p50 ${a.p50} ms, p99 ${a.p99} ms, server CPU ${fmt(h.serverCpu * 100)}/${fmt(a.serverCpu * 100)} %, client CPU ${fmt(h.clientCpu * 100)}/${fmt(a.clientCpu * 100)} %)` +
            (a.bad ? ` — ${a.bad} non-2xx/errors!` : ""),
        );
    }
    const rps = median(app.map((m) => m.load.rps));
    const helloRps = median(hello.map((m) => m.load.rps));
    const ratio = rps / helloRps;
    const cpuPerRequest = median(app.map((m) => m.load.cpuPerRequest));
    const helloCpuPerRequest = median(hello.map((m) => m.load.cpuPerRequest));
    const cpuRatio = helloCpuPerRequest / cpuPerRequest;
    const p50 = median(app.map((m) => m.load.p50));
    const p99 = median(app.map((m) => m.load.p99));
    const bad = app.reduce((sum, m) => sum + m.load.bad, 0);
    const pass =
      ratio >= endpoint.minRatio && (endpoint.maxP99Ms === undefined || p99 < endpoint.maxP99Ms) && bad === 0;
    results.push({
      endpoint,
      path,
      hello,
      app,
      rps,
      helloRps,
      ratio,
      cpuPerRequest,
      helloCpuPerRequest,
      cpuRatio,
      p50,
      p99,
      pass,
      bad,
    });
  }

  const all = results.flatMap((r) => r.app);
  const idleMedian = all.length ? median(all.map((m) => m.idleRss)) : 0;
  const idleMax = all.length ? Math.max(...all.map((m) => m.idleRss)) : 0;
  const loadPeak = all.length ? Math.max(...all.map((m) => m.load.peakRss)) : 0;
  const helloIdle = all.length ? median(results.flatMap((r) => r.hello.map((m) => m.idleRss))) : 0;
  const rssPass = idleMax <= IDLE_RSS_BUDGET;

  const budget = (e: Endpoint) =>
    e.minRatio === 0 && !e.maxP99Ms
      ? "— (informational)"
      : `≥ ${e.minRatio.toFixed(2)}${e.maxP99Ms ? `, p99 < ${e.maxP99Ms} ms` : ""}`;
  const result = (r: EndpointResult) =>
    r.pass ? (r.endpoint.minRatio === 0 && !r.endpoint.maxP99Ms ? "ℹ️ measured" : "✅ pass") : "❌ FAIL";
  const rows = results.map(
    (r) =>
      `| ${r.endpoint.name}${r.endpoint.connections ? ` (${r.endpoint.connections} conn.)` : ""} | \`${r.endpoint.signedIn ? "🍪 " : ""}GET ${r.path}\` | ${fmt(r.rps)} | ${fmt(r.helloRps)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | **${r.ratio.toFixed(2)}** | ${fmt(r.cpuPerRequest)} / ${fmt(r.helloCpuPerRequest)} | ${r.cpuRatio.toFixed(2)} | ${budget(r.endpoint)} | ${result(r)} |`,
  );
  const pi = population.info;
  const loadAfter = busyness();
  const duration = ((Date.now() - started.getTime()) / 60000).toFixed(1);
  const report = `# Benchmark results

Generated by \`npm run bench\` (bench/run.ts) on ${started.toISOString()} in ${duration} min.

## Machine and versions

| | |
|---|---|
| CPU | ${info.cpu} |
| Cores | ${info.cores} (server pinned to CPU ${SERVER_CPU}, autocannon to CPU ${CLIENT_CPU}${hasTaskset ? "" : " — **taskset missing, not pinned**"}${hasNice ? `, both at nice ${NICENESS}` : ""}${autogroup ? `, session ${autogroup}` : ""}) |
| Memory | ${info.memory} |
| Kernel | ${info.kernel} |
| Code under test | ${source.label} |
| Node | ${process.version} |
| Hono | ${versionOf("hono")} (@hono/node-server ${versionOf("@hono/node-server")}) |
| Kysely | ${versionOf("kysely")} (SQLite through node:sqlite) |
| autocannon | ${versionOf("autocannon")} |
| Machine load | before the runs: ${loadBefore}; after: ${loadAfter} (other processes share these CPUs: hence the interleaving) |

## Population

Seed ${pi.seed}: **${fmt(pi.accounts)} local accounts**, **${fmt(pi.follows)} accepted follows** (mean ${pi.followers.mean} per account;
followers per account p50 ${pi.followers.p50}, p90 ${pi.followers.p90}, p99 ${pi.followers.p99}, max ${fmt(pi.followers.max)}),
database ${mb(pi.bytes)}. Generated in **${pi.generationSeconds} s** (${Object.entries(pi.stepSeconds)
    .map(([k, v]) => `${k} ${v} s`)
    .join(", ")})${population.cached ? `, on ${pi.generatedAt} (cached, reused for this run)` : ""}.
Profile pages show the most followed account, @${pi.popular.handle} (${fmt(pi.popular.followers)} followers); the signed-in
viewer is @${pi.viewer.handle}, one of its followers.

Making contact: **${fmt(contact.connections)} connections** drawn from the follow graph (per account p50 ${contact.perAccount.p50},
p90 ${contact.perAccount.p90}, p99 ${contact.perAccount.p99}, mean ${contact.perAccount.mean}); the viewer has **${fmt(contact.viewerConnections)} connections**
and ${fmt(contact.viewerFriendsOfFriends)} friends of friends, **${contact.conversations} conversations** with ${fmt(contact.messages)} messages in all; the
conversation page is their biggest (${contact.biggestConversation.messages} messages, with @${contact.biggestConversation.withHandle}, first in the inbox).
${fmt(contact.profileTags)} public profile tags. Added in ${Object.entries(contact.stepSeconds)
    .map(([k, v]) => `${k} ${v} s`)
    .join(", ")}.

## Throughput and latency

${options.runs} runs per endpoint of ${options.duration} s each after a ${options.warmup} s warm-up, ${options.connections} connections, each run
against a freshly started server (\`NODE_ENV=production\`), alternating with a run against a bare Hono
"hello world" (bench/hello.ts). Figures are medians over the runs; the ratio is the endpoint's median
req/s over the median of its own interleaved hello-world runs; budgets apply to it. "CPU µs/req" is the
server's CPU time per completed request and "CPU ratio" hello's over the endpoint's: a cross-check that
holds even when other processes take CPU time away from the server (when both ratios agree, the
figure is sound). 🍪 = sent with a signed-in browser's cookies (the viewer's session and form token);
the interleaved hello-world runs get the same request headers, so that both sides parse the same request.

| Endpoint | Request | req/s | hello req/s | p50 ms | p99 ms | Ratio | CPU µs/req (Liens / hello) | CPU ratio | Budget | Result |
|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|
${rows.join("\n")}

${
  pymk
    ? `## People you may know (in process)

\`peopleYouMayKnow\` called directly (bench/pymk.ts, the app's own \`openDatabase\`, on the working copy, pinned to
CPU ${SERVER_CPU}) for the viewer with ${fmt(pymk.connections)} connections: ${pymk.warmup} warm-up calls, then ${pymk.iterations} timed calls one after another.
It reads ${fmt(pymk.pairs)} friend-of-friend rows through the ${pymk.bridges} most recent connections (${fmt(pymk.friendsOfFriends)} distinct
candidates once connections are removed; ${fmt(pymk.friendsOfFriendsAll)} through all connections), ${fmt(pymk.tagRows)} shared-tag rows, and returns ${pymk.suggestions} suggestions.

| p50 ms | p95 ms | p99 ms | mean ms | max ms | Budget | Result |
|---:|---:|---:|---:|---:|---|---|
| ${fmt(pymk.p50, 1)} | ${fmt(pymk.p95, 1)} | **${fmt(pymk.p99, 1)}** | ${fmt(pymk.mean, 1)} | ${fmt(pymk.max, 1)} | p99 < ${PYMK_BUDGET_MS} ms | ${pymk.pass ? "✅ pass" : "❌ FAIL"} |

`
    : ""
}## Memory (VmRSS of the Liens server)

| | Measured | Budget | Result |
|---|---:|---|---|
| Idle (after start + warm-up), median / max over ${all.length} starts | ${mb(idleMedian)} / ${mb(idleMax)} | ≤ 150 MB | ${all.length ? (rssPass ? "✅ pass" : "❌ FAIL") : "— (no server run)"} |
| Under load (peak, sampled every 50 ms) | ${mb(loadPeak)} | — | — |
| Hello world idle, for reference | ${mb(helloIdle)} | — | — |

## Runs

Server CPU is the server's CPU time over the run's duration (100 % = its core fully busy): a run well
below 100 % was limited by something else (the load generator, or other processes on the machine).

| Endpoint | Run | hello req/s | Liens req/s | p50 / p99 ms | Server CPU (hello / Liens) | Client CPU (hello / Liens) | Idle / peak RSS |
|---|---:|---:|---:|---:|---:|---:|---:|
${results
  .flatMap((r) =>
    r.app.map((a, i) => {
      const h = r.hello[i] as Measured;
      return `| ${r.endpoint.name} | ${i + 1} | ${fmt(h.load.rps)} | ${fmt(a.load.rps)} | ${a.load.p50} / ${a.load.p99} | ${fmt(h.load.serverCpu * 100)} % / ${fmt(a.load.serverCpu * 100)} % | ${fmt(h.load.clientCpu * 100)} % / ${fmt(a.load.clientCpu * 100)} % | ${mb(a.idleRss)} / ${mb(a.load.peakRss)} |`;
    }),
  )
  .join("\n")}
`;
  // The timelines section (bench/timelines.ts, run on its own) is carried over, whichever step fails.
  const timelines = keptSection(args.output, TIMELINES_HEADING);
  const sections = [report];
  const write = () => writeFileSync(args.output, sections.join("") + (timelines ? `\n${timelines}` : ""));
  write();
  // The events and imports benches run the code under test too: imported from its snapshot, not from
  // the tree, which may change during the run.
  const underTest = (file: string) => join(source.root, "bench", file);
  if (runEvents) {
    const { eventsBench } = (await import(underTest("events.ts"))) as typeof import("./events.ts");
    const events = await eventsBench({ runs: options.runs, duration: options.duration, connections: 20 });
    sections.push(events.markdown);
    write();
    console.log(events.markdown);
  }
  if (runImports) {
    const { importsBenchInChild } = (await import(underTest("imports.ts"))) as typeof import("./imports.ts");
    const markdown = await importsBenchInChild();
    sections.push(markdown);
    write();
    console.log(markdown);
  }

  console.log("\nSummary");
  for (const r of results)
    console.log(
      `  ${r.pass ? (r.endpoint.minRatio === 0 ? "INFO" : "PASS") : "FAIL"}  ${r.endpoint.name.padEnd(15)} ${fmt(r.rps).padStart(7)} req/s  ratio ${r.ratio.toFixed(2)} (budget ${budget(r.endpoint)}, CPU ratio ${r.cpuRatio.toFixed(2)}, ${fmt(r.cpuPerRequest)} µs/req)  p50 ${fmt(r.p50, 1)} ms  p99 ${fmt(r.p99, 1)} ms`,
    );
  if (pymk)
    console.log(
      `  ${pymk.pass ? "PASS" : "FAIL"}  pymk            p50 ${pymk.p50} ms  p95 ${pymk.p95} ms  p99 ${pymk.p99} ms (budget < ${PYMK_BUDGET_MS} ms)`,
    );
  if (all.length)
    console.log(
      `  ${rssPass ? "PASS" : "FAIL"}  RSS idle ${mb(idleMedian)} (max ${mb(idleMax)}, budget 150 MB), under load peak ${mb(loadPeak)}`,
    );
  // The report is committed: formatted as the linter wants it (aligned tables).
  spawnSync(join(ROOT, "node_modules", ".bin", "biome"), ["format", "--write", args.output], {
    stdio: "ignore",
  });
  console.log(`Wrote ${args.output}`);
}

main().then(
  () => {
    killAll();
    process.exit(0);
  },
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    killAll();
    process.exit(1);
  },
);
