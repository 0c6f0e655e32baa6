/**
 * The yardstick of in-process figures (DESIGN.md §9, issue 4: "budgets are ratios to hello-world in
 * the same run"): a bare Hono hello world's requests per second on this machine, against the reference
 * machine's, on which the absolute budgets (µs, ms) were set. A figure of 5 ms there is a
 * budget of 5 ms × REFERENCE_HELLO_RPS ÷ hello here.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ROOT = resolve(import.meta.dirname, "..");
const AUTOCANNON = join(ROOT, "node_modules", "autocannon", "autocannon.js");

/** Hello world on the reference machine, one core (issue 4). */
export const REFERENCE_HELLO_RPS = 65_000;

/**
 * The load generator: wrk (Debian's package) when the machine has it. autocannon, in Node on the other
 * core, tops out first: on one machine, one day, it measured hello world at 18 to 19k requests/s where
 * wrk measured 28 to 30k, so a yardstick taken with it would loosen every budget by half again.
 */
const WRK = "/usr/bin/wrk";
export const HELLO_LOAD_TOOL = existsSync(WRK) ? "wrk" : "autocannon";

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** `argv` on one core, as the endpoint benches pin the server (0) and the load generator (1). */
function onCore(core: string, argv: string[], env: NodeJS.ProcessEnv = process.env) {
  const full = existsSync("/usr/bin/taskset") ? ["taskset", "-c", core, ...argv] : argv;
  return spawn(full[0] as string, full.slice(1), { cwd: ROOT, env, stdio: ["ignore", "pipe", "ignore"] });
}

/** One run: hello world (bench/hello.ts) on core 0, loaded by autocannon from core 1. */
async function helloRun(seconds: number, connections: number): Promise<number> {
  const port = await freePort();
  const server = onCore("0", [process.execPath, join(ROOT, "bench", "hello.ts")], {
    ...process.env,
    PORT: String(port),
  });
  try {
    const url = `http://127.0.0.1:${port}/`;
    for (let tries = 0; ; tries++) {
      try {
        if ((await fetch(url)).ok) break;
      } catch {
        if (tries > 300) throw new Error("hello world did not start");
        await sleep(100);
      }
    }
    const load = onCore(
      "1",
      HELLO_LOAD_TOOL === "wrk"
        ? [WRK, "-t1", `-c${connections}`, `-d${seconds}s`, url]
        : [process.execPath, AUTOCANNON, "--json", "-c", String(connections), "-d", String(seconds), url],
    );
    let out = "";
    load.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    await new Promise((done) => load.once("exit", done));
    if (HELLO_LOAD_TOOL === "wrk") return Number(/Requests\/sec:\s*([\d.]+)/.exec(out)?.[1] ?? 0);
    return (JSON.parse(out.trim().split("\n").pop() ?? "{}") as { requests: { average: number } }).requests
      .average;
  } finally {
    server.kill("SIGTERM");
  }
}

/** Hello world's requests per second in `runs` runs of `seconds`, at 50 connections (as bench/run.ts). */
export async function helloRps(runs = 3, seconds = 5, connections = 50): Promise<number[]> {
  const rps: number[] = [];
  for (let run = 0; run < runs; run++) rps.push(await helloRun(seconds, connections));
  return rps;
}
