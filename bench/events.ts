/**
 * Events benchmark (issue 5), standalone or from `npm run bench` (bench/run.ts, `--only events`):
 *  1. the page of a public event with 500 people going, anonymous, against a bare Hono hello world
 *     (interleaved runs, same pinning as run.ts): budget ≥ 10 % of hello-world req/s;
 *  2. 200 concurrent "going" answers over HTTP to a 100-seat event: exactly 100 going, 100 waitlisted,
 *     no error.
 *
 *   npx tsx bench/events.ts [--runs 3] [--duration 5] [--connections 20]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { v7 as uuidv7 } from "uuid";
import { migrate, openDatabase } from "../src/db/index.ts";
import { hashToken } from "../src/services/security/tokens.ts";
import { buildBundle, serverNodeFlags } from "./bundle.ts";

const ROOT = join(import.meta.dirname, "..");
const NODE = process.execPath;
let built: string | null = null;
const bundle = () => {
  built ??= buildBundle();
  return built;
};
const AUTOCANNON = join(ROOT, "node_modules", "autocannon", "autocannon.js");
const ATTENDEES = 500;
const RUSH = 200;
const SEATS = 100;

export interface EventsBenchOptions {
  runs: number;
  duration: number;
  connections: number;
}

const pin = (cpu: string, argv: string[]): [string, string[]] => {
  const full = existsSync("/usr/bin/taskset") ? ["taskset", "-c", cpu, ...argv] : argv;
  return [full[0] as string, full.slice(1)];
};

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

/** A population written straight to the database: accounts, two events, 500 going, 200 sessions. */
export async function populate(dataDir: string) {
  const database = await openDatabase({ dataDir });
  await migrate(database.db);
  const db = database.db;
  const now = new Date();
  const iso = now.toISOString();
  const ids: string[] = [];
  const actors = [];
  const accounts = [];
  for (let i = 0; i <= ATTENDEES + RUSH; i++) {
    const id = uuidv7();
    ids.push(id);
    const handle = `member${i}`;
    actors.push({
      id,
      handle,
      domain: null,
      uri: `http://localhost/@${handle}`,
      inbox_url: null,
      shared_inbox_url: null,
      public_key_pem: null,
      display_name: `Member ${i}`,
      avatar_key: null,
      created_at: iso,
      updated_at: iso,
    });
    accounts.push({
      actor_id: id,
      email: `${handle}@bench.test`,
      password_hash: "x",
      role: "member" as const,
      locale: null,
      time_zone: null,
      created_at: iso,
    });
  }
  for (let i = 0; i < actors.length; i += 200) {
    await db
      .insertInto("actors")
      .values(actors.slice(i, i + 200))
      .execute();
    await db
      .insertInto("accounts")
      .values(accounts.slice(i, i + 200))
      .execute();
  }
  const organiser = ids[0] as string;
  const event = (title: string, capacity: number | null) => ({
    id: uuidv7(),
    organiser_id: organiser,
    series_id: null,
    title,
    description: "A benchmark meetup.",
    starts_at: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
    ends_at: new Date(now.getTime() + 7 * 86_400_000 + 3 * 3600_000).toISOString(),
    time_zone: "Europe/Paris",
    place: "3 place Bellecour",
    city: "Lyon",
    latitude: null,
    longitude: null,
    capacity,
    visibility: "public" as const,
    status: "scheduled" as const,
    checkin_secret: "bench",
    cover_key: null,
    created_at: iso,
    updated_at: iso,
  });
  const big = event("Big meetup", null);
  const rush = event("Rush hour", SEATS);
  await db.insertInto("events").values([big, rush]).execute();
  const going = ids.slice(1, ATTENDEES + 1).map((actorId, i) => ({
    event_id: big.id,
    actor_id: actorId,
    status: "going" as const,
    queued_seq: i + 1,
    created_at: iso,
    updated_at: iso,
  }));
  for (let i = 0; i < going.length; i += 200)
    await db
      .insertInto("event_rsvps")
      .values(going.slice(i, i + 200))
      .execute();
  await db
    .updateTable("events")
    .set({ going_count: ATTENDEES, rsvp_seq: ATTENDEES })
    .where("id", "=", big.id)
    .execute();
  const tokens: string[] = [];
  const sessions = ids.slice(ATTENDEES + 1).map((accountId, i) => {
    const token = `bench-token-${i}-${uuidv7()}`;
    tokens.push(token);
    return {
      id: uuidv7(),
      account_id: accountId,
      token_hash: hashToken(token),
      user_agent: "liens-bench",
      ip: "127.0.0.1",
      created_at: iso,
      last_seen_at: iso,
      expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
    };
  });
  await db.insertInto("sessions").values(sessions).execute();
  return { database, bigId: big.id, rushId: rush.id, tokens };
}

async function startServer(
  kind: "hello" | "liens",
  dataDir: string,
): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  // Both as plain JavaScript: hello.ts through Node's type stripping, Liens as `npm start` builds it.
  const script =
    kind === "hello" ? [join(ROOT, "bench", "hello.ts")] : [...serverNodeFlags(), bundle(), "serve"];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    LIENS_DATA_DIR: dataDir,
    LOG_LEVEL: "error",
  };
  delete env.DATABASE_URL;
  delete env.PUBLIC_URL;
  const [command, argv] = pin("0", [NODE, ...script]);
  const child = spawn(command, argv, { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  const url = `http://127.0.0.1:${port}${kind === "hello" ? "/" : "/health"}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The ${kind} server exited`);
    try {
      const response = await fetch(url);
      await response.text();
      if (response.ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`The ${kind} server did not start`);
    await sleep(100);
  }
  return { child, port };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(5000).then(() => child.kill("SIGKILL"))]);
}

async function load(port: number, path: string, seconds: number, connections: number, cookie?: string) {
  const [command, argv] = pin("1", [
    NODE,
    AUTOCANNON,
    "--json",
    "-c",
    String(connections),
    "-d",
    String(seconds),
    ...(cookie ? ["-H", `cookie=${cookie}`] : []),
    `http://127.0.0.1:${port}${path}`,
  ]);
  const child = spawn(command, argv, { cwd: ROOT, stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  await new Promise((resolve) => child.once("exit", resolve));
  const result = JSON.parse(out.trim().split("\n").pop() ?? "{}") as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Runs both measurements; returns a Markdown section for bench/results.md. */
export async function eventsBench(options: EventsBenchOptions): Promise<{ markdown: string; pass: boolean }> {
  const dataDir = mkdtempSync(join(tmpdir(), "liens-bench-events-"));
  const children: ChildProcess[] = [];
  try {
    const { database, bigId, rushId, tokens } = await populate(dataDir);
    await database.destroy();
    const hello: number[] = [];
    const app: { rps: number; p50: number; p99: number; bad: number }[] = [];
    const signedIn: { rps: number; p50: number; p99: number; bad: number }[] = [];
    for (let run = 1; run <= options.runs; run++) {
      const h = await startServer("hello", dataDir);
      children.push(h.child);
      await load(h.port, "/", 1, options.connections);
      hello.push((await load(h.port, "/", options.duration, options.connections)).rps);
      await stop(h.child);
      const l = await startServer("liens", dataDir);
      children.push(l.child);
      const probe = await (await fetch(`http://127.0.0.1:${l.port}/events/${bigId}`)).text();
      if (!probe.includes(`Going (${ATTENDEES})`))
        throw new Error("The event page does not show 500 people going");
      await load(l.port, `/events/${bigId}`, 1, options.connections);
      app.push(await load(l.port, `/events/${bigId}`, options.duration, options.connections));
      const member = await (
        await fetch(`http://127.0.0.1:${l.port}/events/${bigId}`, {
          headers: { cookie: `liens_session=${tokens[0]}` },
        })
      ).text();
      if (!member.includes(`Going (${ATTENDEES})`) || !member.includes("Your answer"))
        throw new Error("The event page does not show a member 500 people going and their answer");
      signedIn.push(
        await load(
          l.port,
          `/events/${bigId}`,
          options.duration,
          options.connections,
          `liens_session=${tokens[0]}`,
        ),
      );
      await stop(l.child);
      console.log(
        `  events-page run ${run}/${options.runs}: hello ${Math.round(hello.at(-1) ?? 0)} req/s · liens ${Math.round(app.at(-1)?.rps ?? 0)} req/s`,
      );
    }
    const rps = median(app.map((a) => a.rps));
    const helloRps = median(hello);
    const ratio = rps / helloRps;
    const bad = app.reduce((s, a) => s + a.bad, 0);
    const signedRps = median(signedIn.map((a) => a.rps));

    // The rush: 200 people say "going" at once, each with their own session, over HTTP.
    const l = await startServer("liens", dataDir);
    children.push(l.child);
    const started = performance.now();
    const responses = await Promise.all(
      tokens.map((token) =>
        fetch(`http://127.0.0.1:${l.port}/events/${rushId}/rsvp`, {
          method: "POST",
          redirect: "manual",
          headers: {
            cookie: `liens_session=${token}; liens_csrf=bench`,
            "content-type": "application/x-www-form-urlencoded",
          },
          body: "_csrf=bench&answer=going",
        }).then(async (r) => {
          await r.text();
          return { status: r.status, location: r.headers.get("location") ?? "" };
        }),
      ),
    );
    const rushMs = performance.now() - started;
    await stop(l.child);
    const check = await openDatabase({ dataDir });
    const counts = await check.db
      .selectFrom("event_rsvps")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("event_id", "=", rushId)
      .groupBy("status")
      .execute();
    const seats = await check.db
      .selectFrom("events")
      .select("going_count")
      .where("id", "=", rushId)
      .executeTakeFirstOrThrow();
    await check.destroy();
    const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
    const errors = responses.filter((r) => r.status !== 303).length;
    const rushPass =
      n("going") === SEATS &&
      n("waitlist") === RUSH - SEATS &&
      errors === 0 &&
      Number(seats.going_count) === SEATS;
    const signedRatio = signedRps / helloRps;
    const signedBad = signedIn.reduce((s, a) => s + a.bad, 0);
    const pagePass = ratio >= 0.1 && bad === 0;
    const signedPass = signedRatio >= 0.1 && signedBad === 0;
    const row = (who: string, runs: typeof app, r: number, passed: boolean) =>
      `| ${who} | ${Math.round(median(runs.map((a) => a.rps)))} | ${Math.round(helloRps)} | ${median(runs.map((a) => a.p50))} | ${median(runs.map((a) => a.p99))} | **${r.toFixed(2)}** | ≥ 0.10 | ${passed ? "✅ pass" : "❌ FAIL"} |`;
    const markdown = `
## Events (bench/events.ts)

Event page: \`GET /events/<id>\`, a public event with **${ATTENDEES} people going** (the page lists the first 30 and
links to the full list), ${options.runs} runs × ${options.duration} s, ${options.connections} connections, interleaved with hello world;
seen by a visitor (the page cached whole for a few seconds) and by a member who has not answered yet (their page
kept for them under the event's counters and their own, with their navigation drawn on each request).

| Seen by | req/s | hello req/s | p50 ms | p99 ms | Ratio | Budget | Result |
|---|---:|---:|---:|---:|---:|---|---|
${row("a visitor", app, ratio, pagePass)}
${row("a member", signedIn, signedRatio, signedPass)}

Rush: **${RUSH} concurrent "going" answers** over HTTP (each its own session) to a **${SEATS}-seat** event, in ${Math.round(rushMs)} ms:
${n("going")} going, ${n("waitlist")} waitlisted, seat counter ${seats.going_count}, ${errors} non-303 answers — ${rushPass ? "✅ pass" : "❌ FAIL"}.
`;
    return { markdown, pass: pagePass && signedPass && rushPass };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "3" },
      duration: { type: "string", default: "5" },
      connections: { type: "string", default: "20" },
    },
  });
  eventsBench({
    runs: Number(values.runs),
    duration: Number(values.duration),
    connections: Number(values.connections),
  }).then(
    ({ markdown, pass }) => {
      console.log(markdown);
      process.exit(pass ? 0 : 1);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
