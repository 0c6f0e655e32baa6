/**
 * Import benchmark: generates (once, into bench/data/imports/) a LinkedIn export zip with 30,000
 * connections and 100,000 messages, a smaller one (10,000 / 30,000), and a 10,000-card vCard file,
 * then imports each into a fresh account of a fresh SQLite database with the same code as
 * `liens import` — streamed read and staging, review with the default decisions, commit in batches —
 * followed by the ties recompute the commit queues (run here through the job queue), end to end.
 * Reports wall and CPU time, and peak RSS (sampled every 20 ms, and the kernel's VmHWM), each run in
 * its own process, against the budgets: LinkedIn < 20 s with flat memory, vCard < 5 s.
 *
 *   tsx bench/imports.ts [--connections 30000] [--messages 100000] [--small-connections 10000]
 *                        [--small-messages 30000] [--cards 10000] [--seed 7] [--json]
 *
 * "Flat memory": the peak RSS of the big LinkedIn import may exceed the small one's by at most 15 %
 * + 16 MB, for 3× the people and 3.3× the messages (nothing is held whole: files stream into the
 * staging tables, the review and the commit page through them).
 */

import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { v7 as uuidv7 } from "uuid";
import yazl from "yazl";
import { loadConfig } from "../src/config.ts";
import { migrate, openDatabase } from "../src/db/index.ts";
import { register } from "../src/services/accounts/register.ts";
import { type Deps, systemClock } from "../src/services/deps.ts";
import { importFromPath } from "../src/services/imports/run.ts";
import { drainJobs } from "../src/services/jobs/run.ts";
import { diskStorage } from "../src/services/storage.ts";
import { serverNodeFlags } from "./bundle.ts";
import { connectionsCsv, invitationsCsv, messagesCsv, vcards } from "./imports-files.ts";
import { Rng } from "./prng.ts";

export const LINKEDIN_BUDGET_S = 20;
export const VCARD_BUDGET_S = 5;

export interface ImportRun {
  label: string;
  file: string;
  bytes: number;
  seconds: number;
  /** CPU time of the process (user + system): what the run costs whatever else the machine runs. */
  cpuSeconds: number;
  readSeconds: number;
  /** The ties recompute queued by the commit (in `seconds` too). */
  tiesSeconds: number;
  peakRssMb: number;
  /** Peak RSS when the import itself is done, before the ties recompute it queues (VmHWM). */
  importPeakRssMb: number;
  baselineRssMb: number;
  people: number;
  facts: number;
  created: number;
}

export interface ImportsBenchResult {
  linkedIn: ImportRun;
  linkedInSmall: ImportRun;
  vcard: ImportRun;
  pass: { linkedIn: boolean; vcard: boolean; flat: boolean };
}

const DIR = join(import.meta.dirname, "data", "imports");
async function writeZip(path: string, entries: [string, Generator<string>][]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, lines] of entries) {
    const stream = new PassThrough();
    zip.addReadStream(stream, name, { compress: true });
    (async () => {
      for (const line of lines)
        if (!stream.write(line)) await new Promise<void>((r) => stream.once("drain", () => r()));
      stream.end();
    })();
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

async function writeText(path: string, lines: Generator<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines)
    if (!out.write(line)) await new Promise<void>((r) => out.once("drain", () => r()));
  await new Promise<void>((r) => out.end(() => r()));
}

export interface BenchOptions {
  connections: number;
  messages: number;
  smallConnections: number;
  smallMessages: number;
  cards: number;
  seed: number;
}

/** Generates the files unless they exist for these parameters. */
export async function ensureFiles(o: BenchOptions) {
  mkdirSync(DIR, { recursive: true });
  const linkedIn = (connections: number, messages: number) =>
    join(DIR, `linkedin-${o.seed}-${connections}-${messages}.zip`);
  for (const [connections, messages] of [
    [o.connections, o.messages],
    [o.smallConnections, o.smallMessages],
  ] as const) {
    const path = linkedIn(connections, messages);
    if (existsSync(path)) continue;
    const rng = new Rng(o.seed);
    await writeZip(`${path}.tmp`, [
      ["Connections.csv", connectionsCsv(rng.fork("connections"), connections)],
      ["Invitations.csv", invitationsCsv(rng.fork("invitations"), connections)],
      ["messages.csv", messagesCsv(rng.fork("messages"), connections, messages)],
    ]);
    const { renameSync } = await import("node:fs");
    renameSync(`${path}.tmp`, path);
  }
  const vcf = join(DIR, `contacts-${o.seed}-${o.cards}.vcf`);
  if (!existsSync(vcf)) await writeText(vcf, vcards(new Rng(o.seed).fork("vcards"), o.cards));
  return {
    linkedIn: linkedIn(o.connections, o.messages),
    linkedInSmall: linkedIn(o.smallConnections, o.smallMessages),
    vcf,
  };
}

function vmHwmMb(): number {
  const status = readFileSync("/proc/self/status", "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** One import into a fresh database and account, measured. */
async function measure(label: string, file: string): Promise<ImportRun> {
  const dataDir = mkdtempSync(join(tmpdir(), "liens-bench-import-"));
  const database = await openDatabase({ dataDir });
  await migrate(database.db);
  const config = loadConfig({ NODE_ENV: "production", LIENS_DATA_DIR: dataDir, LOG_LEVEL: "error" });
  const deps: Deps = {
    db: database.db,
    clock: systemClock,
    newId: uuidv7,
    config,
    storage: diskStorage(join(dataDir, "media")),
    passwordCost: 10,
  };
  await register(
    deps,
    { handle: "bench", email: "bench@example.test", password: "bench-password-long" },
    { asAdmin: false },
  );
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let readDone = started;
  try {
    const result = await importFromPath(deps, "bench", file, {
      onProgress: (phase) => {
        if (phase === "commit" && readDone === started) readDone = performance.now();
      },
    });
    const importPeak = Math.max(peak, vmHwmMb() * 2 ** 20);
    // The ties recompute the commit queued (ties.recompute-owner), as a worker would run it.
    const tiesStarted = performance.now();
    await drainJobs(deps);
    const tiesSeconds = (performance.now() - tiesStarted) / 1000;
    const ties = await deps.db
      .selectFrom("ties")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (result.commit.factsAdded > 0 && Number(ties.n) === 0) throw new Error("the ties were not recomputed");
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      label,
      file: file.split("/").pop() ?? file,
      bytes: statSync(file).size,
      seconds: Math.round(seconds * 100) / 100,
      cpuSeconds: Math.round((cpu.user + cpu.system) / 10_000) / 100,
      readSeconds: Math.round(((readDone - started) / 1000) * 100) / 100,
      tiesSeconds: Math.round(tiesSeconds * 100) / 100,
      peakRssMb: Math.round(Math.max(peak / 2 ** 20, 0)),
      importPeakRssMb: Math.round(importPeak / 2 ** 20),
      baselineRssMb: Math.round(baseline / 2 ** 20),
      people: result.parse.people,
      facts: result.commit.factsAdded,
      created: result.commit.created,
    };
  } finally {
    clearInterval(sampler);
    await database.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type Which = "linkedIn" | "linkedInSmall" | "vcard";

/** Runs one measurement in its own process, so that each peak RSS is its own (RSS never shrinks much). */
async function measureInChild(which: Which, o: BenchOptions): Promise<ImportRun> {
  const { spawnSync } = await import("node:child_process");
  const args = Object.entries(o).flatMap(([k, v]) => [
    `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    String(v),
  ]);
  const child = spawnSync(
    process.execPath,
    // The Node flags `npm start` runs the server (and its jobs, imports among them) with.
    ["--expose-gc", ...serverNodeFlags(), "--import", "tsx", import.meta.filename, "--run", which, ...args],
    { cwd: join(import.meta.dirname, ".."), encoding: "utf8", maxBuffer: 16 * 2 ** 20, timeout: 600_000 },
  );
  if (child.status !== 0)
    throw new Error(`bench/imports.ts --run ${which} failed: ${child.stderr.slice(0, 2000)}`);
  return JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as ImportRun;
}

export async function runImportsBench(o: BenchOptions): Promise<ImportsBenchResult> {
  await ensureFiles(o);
  const linkedInSmall = await measureInChild("linkedInSmall", o);
  const linkedIn = await measureInChild("linkedIn", o);
  const vcard = await measureInChild("vcard", o);
  return {
    linkedIn,
    linkedInSmall,
    vcard,
    pass: {
      linkedIn: linkedIn.seconds < LINKEDIN_BUDGET_S,
      vcard: vcard.seconds < VCARD_BUDGET_S,
      // 3× the people and 3.3× the messages may not cost more than 15 % (+16 MB) more memory at the peak.
      flat: linkedIn.peakRssMb <= linkedInSmall.peakRssMb * 1.15 + 16,
    },
  };
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      connections: { type: "string", default: "30000" },
      messages: { type: "string", default: "100000" },
      "small-connections": { type: "string", default: "10000" },
      "small-messages": { type: "string", default: "30000" },
      cards: { type: "string", default: "10000" },
      seed: { type: "string", default: "7" },
      json: { type: "boolean", default: false },
      run: { type: "string" },
    },
  });
  const o: BenchOptions = {
    connections: Number(values.connections),
    messages: Number(values.messages),
    smallConnections: Number(values["small-connections"]),
    smallMessages: Number(values["small-messages"]),
    cards: Number(values.cards),
    seed: Number(values.seed),
  };
  if (values.run) {
    const files = await ensureFiles(o);
    const which = values.run as Which;
    const label =
      which === "vcard"
        ? `vCard, ${o.cards} cards`
        : which === "linkedIn"
          ? `LinkedIn, ${o.connections} connections, ${o.messages} messages`
          : `LinkedIn, ${o.smallConnections} connections, ${o.smallMessages} messages`;
    const run = await measure(label, which === "vcard" ? files.vcf : files[which]);
    console.log(JSON.stringify({ ...run, peakRssMb: Math.max(run.peakRssMb, Math.round(vmHwmMb())) }));
    process.exit(0);
  }
  const result = await runImportsBench(o);
  if (values.json) console.log(JSON.stringify({ ...result, vmHwmMb: Math.round(vmHwmMb()) }));
  else {
    for (const r of [result.linkedInSmall, result.linkedIn, result.vcard])
      console.log(
        `${r.label}: ${r.seconds} s (CPU ${r.cpuSeconds} s; read + stage + review ${r.readSeconds} s; ties ${r.tiesSeconds} s), ${(r.bytes / 2 ** 20).toFixed(1)} MB file, ` +
          `peak RSS ${r.peakRssMb} MB (baseline ${r.baselineRssMb} MB; ${r.importPeakRssMb} MB before the ties recompute), ${r.people} people, ${r.facts} facts`,
      );
    console.log(`VmHWM ${Math.round(vmHwmMb())} MB; pass: ${JSON.stringify(result.pass)}`);
  }
}

/** The report section for bench/results.md. */
export function importsMarkdown(r: ImportsBenchResult & { vmHwmMb?: number }): string {
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  const row = (run: ImportRun, budget: string, pass: boolean | null) =>
    `| ${run.label} | ${mb(run.bytes)} | **${run.seconds} s** | ${run.cpuSeconds} s | ${run.readSeconds} s | ${run.tiesSeconds} s | ${run.peakRssMb} MB (${run.baselineRssMb} MB) | ${run.importPeakRssMb ?? "—"} MB | ${run.people.toLocaleString("en-US")} | ${run.facts.toLocaleString("en-US")} | ${budget} | ${pass === null ? "—" : pass ? "✅ pass" : "❌ FAIL"} |`;
  return `
## Imports (in process)

bench/imports.ts imports generated exports (bench/data/imports/) into a fresh SQLite database with the code
of \`liens import\` (streamed read and staging, default review, commit in batches) and then runs the ties
recompute it queues, end to end, on the working copy, pinned to CPU 0 when taskset is there, each import in its
own process. Flat memory: a smaller export (about a third of the people and messages) is imported first; the
big one's peak may exceed it by at most 15 % + 16 MB. Peak RSS is sampled every 20 ms and includes VmHWM;
"peak before ties" is the peak when the import itself is done, before the ties recompute it queues.

| Import | File | Time | CPU | Read + stage + review | Ties | Peak RSS (before) | Peak before ties | People | Facts | Budget | Result |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|
${row(r.linkedInSmall, "reference", null)}
${row(r.linkedIn, `< ${LINKEDIN_BUDGET_S} s, flat memory`, r.pass.linkedIn && r.pass.flat)}
${row(r.vcard, `< ${VCARD_BUDGET_S} s`, r.pass.vcard)}
`;
}

/** Runs this file in a child process (pinned to CPU 0 when possible) and returns its report section. */
export async function importsBenchInChild(): Promise<string> {
  const { spawnSync } = await import("node:child_process");
  const script = import.meta.filename;
  const hasTaskset = spawnSync("taskset", ["--version"]).status === 0;
  const argv = [process.execPath, "--expose-gc", "--import", "tsx", script, "--json"];
  const [command, ...rest] = hasTaskset ? ["taskset", "-c", "0", ...argv] : argv;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  delete env.NODE_OPTIONS;
  const child = spawnSync(command as string, rest, {
    cwd: join(import.meta.dirname, ".."),
    env,
    encoding: "utf8",
    maxBuffer: 16 * 2 ** 20,
    timeout: 900_000,
  });
  if (child.status !== 0)
    throw new Error(`bench/imports.ts failed (${child.status}): ${child.stderr.slice(0, 1000)}`);
  return importsMarkdown(JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}"));
}
