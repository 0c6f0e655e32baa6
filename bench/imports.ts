/**
 * Import benchmark: generates (once, into bench/data/imports/) a LinkedIn export zip with 30,000
 * connections and 100,000 messages, and a 10,000-card vCard file, then imports each into a fresh
 * account of a fresh SQLite database with the same code as `liens import` (streamed read, staging,
 * one-transaction commit). Reports wall time and peak RSS (sampled every 20 ms, and the kernel's
 * VmHWM), against the budgets: LinkedIn < 20 s with flat memory, vCard < 5 s.
 *
 *   tsx bench/imports.ts [--connections 30000] [--messages 100000] [--cards 10000] [--seed 7] [--json]
 *
 * "Flat memory" is shown by importing a second LinkedIn export with 4× fewer messages: the peak
 * RSS must not grow with the number of messages (the zip and messages.csv are never held whole).
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
import { diskStorage } from "../src/services/storage.ts";
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
  peakRssMb: number;
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
const FIRST = [
  "Amélie",
  "Bruno",
  "Chloé",
  "Dmitri",
  "Élodie",
  "Farid",
  "Gaëlle",
  "Hugo",
  "Inès",
  "Jules",
  "Kenza",
  "Louis",
];
const LAST = [
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
];
const COMPANIES = ["Acme, Inc.", "Lumière SA", "Café des 2 Moulins", "Globex", "Initech", "Umbrella"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const csv = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Lines produced lazily, so the generator itself never holds a file whole. */
function* connectionsCsv(rng: Rng, n: number): Generator<string> {
  yield 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n';
  yield "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
  for (let i = 0; i < n; i++) {
    const day = String(1 + rng.int(28)).padStart(2, "0");
    const date = `${day} ${MONTHS[rng.int(12)]} ${2012 + rng.int(13)}`;
    if (rng.chance(0.01)) {
      yield `,,,,,,${date}\n`;
      continue;
    }
    const email = rng.chance(0.1) ? `person${i}@example.org` : "";
    yield `${[rng.pick(FIRST), `${rng.pick(LAST)}${i}`, `https://www.linkedin.com/in/person-${i}`, email, rng.pick(COMPANIES), "Engineer", date].map(csv).join(",")}\n`;
  }
}

function* messagesCsv(rng: Rng, connections: number, n: number): Generator<string> {
  yield "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n";
  const owner = ["Bench Owner", "https://www.linkedin.com/in/bench-owner"];
  // Most messages go to a few hundred people, as in a real inbox.
  const active = Math.min(connections, 2000);
  for (let i = 0; i < n; i++) {
    const who = rng.chance(0.8) ? rng.int(active) : rng.int(connections);
    const other = [`Person ${who}`, `https://www.linkedin.com/in/person-${who}`];
    const [from, to] = rng.chance(0.5) ? [owner, other] : [other, owner];
    const at = new Date(Date.UTC(2015, 0, 1) + rng.int(10 * 365 * 86400) * 1000)
      .toISOString()
      .replace("T", " ")
      .slice(0, 19);
    yield `${[`conv-${who}`, "", from[0] ?? "", from[1] ?? "", to[0] ?? "", to[1] ?? "", `${at} UTC`, "", `Message ${i}, about "things"`, "INBOX"].map(csv).join(",")}\n`;
  }
}

function* invitationsCsv(rng: Rng, connections: number): Generator<string> {
  yield "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
  for (let i = 0; i < Math.min(500, connections); i++) {
    const who = rng.int(connections);
    yield `Bench Owner,Person ${who},"1/28/24, 9:05 AM","We met at the meetup ${i}",OUTGOING,https://www.linkedin.com/in/bench-owner,https://www.linkedin.com/in/person-${who}\n`;
  }
}

function* vcards(rng: Rng, n: number): Generator<string> {
  for (let i = 0; i < n; i++) {
    const first = rng.pick(FIRST);
    const last = `${rng.pick(LAST)}${i}`;
    yield [
      "BEGIN:VCARD",
      "VERSION:3.0",
      `UID:card-${i}`,
      `FN:${first} ${last}`,
      `N:${last};${first};;;`,
      `EMAIL;TYPE=home:card${i}@example.net`,
      `TEL;TYPE=cell:+33 6 ${String(10_000_000 + i).slice(0, 8)}`,
      `ORG:${rng.pick(COMPANIES).replace(/,/g, "\\,")}`,
      rng.chance(0.3)
        ? `BDAY:--${String(1 + rng.int(12)).padStart(2, "0")}${String(1 + rng.int(28)).padStart(2, "0")}`
        : "NOTE:Met at a party",
      "CATEGORIES:Friends,Lyon",
      "END:VCARD",
      "",
    ].join("\r\n");
  }
}

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

/** Generates the files unless they exist for these parameters. */
export async function ensureFiles(o: { connections: number; messages: number; cards: number; seed: number }) {
  mkdirSync(DIR, { recursive: true });
  const linkedIn = (messages: number) => join(DIR, `linkedin-${o.seed}-${o.connections}-${messages}.zip`);
  for (const messages of [o.messages, Math.round(o.messages / 4)]) {
    const path = linkedIn(messages);
    if (existsSync(path)) continue;
    const rng = new Rng(o.seed);
    await writeZip(`${path}.tmp`, [
      ["Connections.csv", connectionsCsv(rng.fork("connections"), o.connections)],
      ["Invitations.csv", invitationsCsv(rng.fork("invitations"), o.connections)],
      ["messages.csv", messagesCsv(rng.fork("messages"), o.connections, messages)],
    ]);
    const { renameSync } = await import("node:fs");
    renameSync(`${path}.tmp`, path);
  }
  const vcf = join(DIR, `contacts-${o.seed}-${o.cards}.vcf`);
  if (!existsSync(vcf)) await writeText(vcf, vcards(new Rng(o.seed).fork("vcards"), o.cards));
  return { linkedIn: linkedIn(o.messages), linkedInSmall: linkedIn(Math.round(o.messages / 4)), vcf };
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
      peakRssMb: Math.round(Math.max(peak / 2 ** 20, 0)),
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
async function measureInChild(which: Which, o: Record<string, number>): Promise<ImportRun> {
  const { spawnSync } = await import("node:child_process");
  const args = Object.entries(o).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", import.meta.filename, "--run", which, ...args],
    { cwd: join(import.meta.dirname, ".."), encoding: "utf8", maxBuffer: 16 * 2 ** 20, timeout: 600_000 },
  );
  if (child.status !== 0)
    throw new Error(`bench/imports.ts --run ${which} failed: ${child.stderr.slice(0, 2000)}`);
  return JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as ImportRun;
}

export async function runImportsBench(o: {
  connections: number;
  messages: number;
  cards: number;
  seed: number;
}): Promise<ImportsBenchResult> {
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
      // 4× the messages may not cost more than 15 % (+16 MB) more memory at the peak.
      flat: linkedIn.peakRssMb <= linkedInSmall.peakRssMb * 1.15 + 16,
    },
  };
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      connections: { type: "string", default: "30000" },
      messages: { type: "string", default: "100000" },
      cards: { type: "string", default: "10000" },
      seed: { type: "string", default: "7" },
      json: { type: "boolean", default: false },
      run: { type: "string" },
    },
  });
  const o = {
    connections: Number(values.connections),
    messages: Number(values.messages),
    cards: Number(values.cards),
    seed: Number(values.seed),
  };
  if (values.run) {
    const files = await ensureFiles(o);
    const which = values.run as Which;
    const label =
      which === "vcard"
        ? `vCard, ${o.cards} cards`
        : `LinkedIn, ${o.connections} connections, ${which === "linkedIn" ? o.messages : Math.round(o.messages / 4)} messages`;
    const run = await measure(label, which === "vcard" ? files.vcf : files[which]);
    console.log(JSON.stringify({ ...run, peakRssMb: Math.max(run.peakRssMb, Math.round(vmHwmMb())) }));
    process.exit(0);
  }
  const result = await runImportsBench(o);
  if (values.json) console.log(JSON.stringify({ ...result, vmHwmMb: Math.round(vmHwmMb()) }));
  else {
    for (const r of [result.linkedInSmall, result.linkedIn, result.vcard])
      console.log(
        `${r.label}: ${r.seconds} s (CPU ${r.cpuSeconds} s; read ${r.readSeconds} s), ${(r.bytes / 2 ** 20).toFixed(1)} MB file, ` +
          `peak RSS ${r.peakRssMb} MB (baseline ${r.baselineRssMb} MB), ${r.people} people, ${r.facts} facts`,
      );
    console.log(`VmHWM ${Math.round(vmHwmMb())} MB; pass: ${JSON.stringify(result.pass)}`);
  }
}

/** The report section for bench/results.md. */
export function importsMarkdown(r: ImportsBenchResult & { vmHwmMb?: number }): string {
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  const row = (run: ImportRun, budget: string, pass: boolean | null) =>
    `| ${run.label} | ${mb(run.bytes)} | **${run.seconds} s** | ${run.cpuSeconds} s | ${run.readSeconds} s | ${run.peakRssMb} MB (${run.baselineRssMb} MB) | ${run.people.toLocaleString("en-US")} | ${run.facts.toLocaleString("en-US")} | ${budget} | ${pass === null ? "—" : pass ? "✅ pass" : "❌ FAIL"} |`;
  return `
## Imports (in process)

bench/imports.ts imports generated exports (bench/data/imports/) into a fresh SQLite database with the code
of \`liens import\` (streamed read, staging, one-transaction commit), on the working copy, pinned to CPU 0 when
taskset is there. Flat memory: the same export with 4× fewer messages is imported first; the peak may not grow
with the messages. Peak RSS is sampled every 20 ms (process VmHWM at the end: ${r.vmHwmMb ?? "?"} MB).

| Import | File | Time | CPU | Read + stage | Peak RSS (before) | People | Facts | Budget | Result |
|---|---:|---:|---:|---:|---:|---:|---:|---|---|
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
