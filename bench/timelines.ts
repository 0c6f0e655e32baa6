/**
 * Issue 4's timeline budgets, measured on the generated network (bench/generate-posts.ts):
 *
 * - timeline data fetch in process (a page of the viewer's stored home timeline) vs the same page
 *   computed from the posts (fan-out on read) — the measurement that chose the strategy;
 * - rebuilding a returning person's timeline (400 entries), emptied by the trim as it is by then, and
 *   their first home page, computed from the posts while that rebuild waits in the queue;
 * - fan-out of a post by the account with 10,000 followers, per follower, into durable rows;
 * - posting over HTTP as that account (`liens serve`, jobs inline and with a separate `liens worker`, in
 *   alternating runs): request p50/p99 while the fan-outs run, the medians of the runs.
 *
 *   npx tsx bench/timelines.ts [--accounts 10000] [--seed 42] [--iterations 2000] [--posts 600] [--posting-runs 3] [--json]
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { v7 as uuidv7 } from "uuid";
import { checkpointSoon, walState } from "../src/db/checkpointer.ts";
import { migrate, openDatabase, refreshPlannerStatistics } from "../src/db/index.ts";
import { createPost } from "../src/services/posts/create.ts";
import { FANOUT_JOB, fanOut, fanOutMany } from "../src/services/timelines/fanout.ts";
import { homeEntries, REBUILD_JOB, storedEntries } from "../src/services/timelines/home.ts";
import { homeOnRead } from "../src/services/timelines/on-read.ts";
import { rebuildHomeTimeline } from "../src/services/timelines/rebuild.ts";
import { buildBundle, serverNodeFlags, underServerNodeFlags } from "./bundle.ts";
import { BENCH_DIR, DATA_DIR, ensurePopulation } from "./generate.ts";
import type { PostsInfo } from "./generate-posts.ts";
import { freePort, helloRps } from "./hello-reference.ts";
import { holdInOsCache } from "./os-cache.ts";
import { writeSection } from "./results-sections.ts";
import {
  type PostingFigures,
  type PostingRun,
  TIMELINES_HEADING,
  timelinesMarkdown,
} from "./timelines-report.ts";

underServerNodeFlags(import.meta.filename);

const { values: args } = parseArgs({
  options: {
    accounts: { type: "string", default: "10000" },
    seed: { type: "string", default: "42" },
    iterations: { type: "string", default: "2000" },
    // Posts per posting run: the p99 of 150 was the second-slowest request, and the same code's ratio
    // went from 2.7 to 6.4 from one run to the next; of 600, the sixth.
    posts: { type: "string", default: "600" },
    // Posting runs of each kind, alternating, and the figures their medians: the same code's ratio, of
    // 600 posts, still went from 2.3 to 6.1 from one run to the next (2026-11-28, jobs inline).
    "posting-runs": { type: "string", default: "3" },
    json: { type: "boolean", default: false },
  },
});
const ROOT = join(BENCH_DIR, "..");
const log = (line: string) => {
  if (!args.json) console.log(line);
};

function stats(samples: number[]) {
  const s = samples.slice().sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
  return {
    p50: at(50),
    p99: at(99),
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
    n: s.length,
  };
}
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The medians of several posting runs' figures, and each run's ratio. */
function postingFigures(runs: PostingRun[]): PostingFigures {
  const median = (values: number[]) => {
    const s = values.slice().sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
  };
  return {
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    ratio: median(runs.map((r) => r.ratio)),
    ratios: runs.map((r) => r.ratio),
  };
}

async function timeEach<T>(items: T[], fn: (item: T) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (const item of items) {
    const start = performance.now();
    await fn(item);
    out.push(performance.now() - start);
  }
  return out;
}

/** The server and worker run what `npm start` runs: the bundle, built once per bench run. */
let built: string | null = null;

/**
 * Starts `liens <argv>` from the bundle, on the machine's two cores: unlike the endpoint runs, where
 * the server is pinned to one core and the load generator to the other, a posting run measures a
 * two-core server, whose own threads (WAL checkpoints: db/checkpointer.ts) and worker run beside the
 * event loop, as the design keeps them off the request path. Pinned to one core, they and V8's
 * background compilation took turns with the requests: posting inline measured p99 ÷ p50 3.4 at the
 * median of four rounds (p99 19–22 ms), against 2.4 over ten rounds on two cores (p99 14–19 ms).
 */
function startProcess(argv: string[], env: NodeJS.ProcessEnv): ChildProcess {
  built ??= buildBundle();
  // As in run.ts: more Node flags for the server and the worker (a CPU profile, a GC trace).
  const extra = process.env.BENCH_SERVER_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...serverNodeFlags(), ...extra, built, ...argv], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  // A server or worker that dies would leave figures of a setup that did not run: say so, and why.
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  child.once("exit", (code) => {
    if (code !== null) console.error(`liens ${argv.join(" ")} exited (${code}): ${stderr.trim()}`);
  });
  return child;
}

/**
 * Waits until the jobs due when the server (or worker) started have run: the recurring ones (the trim of
 * every stored timeline, the ties' decay, the weekly digest) are all due at the first start on a copy
 * whose queue was emptied, and took the first two seconds of the run beside the posts being timed.
 */
async function startUpJobsDone(raw: DatabaseSync): Promise<void> {
  const busy = raw.prepare(
    "select count(*) as n from jobs where status = 'running' or (status = 'pending' and run_at <= ?)",
  );
  for (let i = 0; i < 600; i++) {
    if (Number((busy.get(new Date().toISOString()) as { n: number }).n) === 0) return;
    await sleep(100);
  }
  throw new Error("The server's start-up jobs did not finish within a minute");
}

/** POSTs `count` posts as the poster, one every `gapMs`, against a fresh server; returns latencies in ms. */
async function postingRun(dbPath: string, posterId: string, count: number, worker: "inline" | "separate") {
  // Each run starts with nothing left to write back to the disk: the steps before it (fan-outs, the
  // checkpoint at their close, an earlier run) leave hundreds of MB of dirty pages, which the kernel
  // writes out during the next run, whichever it is.
  execFileSync("sync");
  // Nor with the fan-outs an earlier run left waiting (its server is killed once its posts are made),
  // and with the jobs it was running when killed pending again, as their lease's end would make them.
  {
    const raw = new DatabaseSync(dbPath);
    raw.prepare("delete from jobs where kind = ? and status != 'done'").run(FANOUT_JOB);
    raw.exec("update jobs set status = 'pending', locked_until = null where status = 'running'");
    // And with the pages the fan-outs write in the OS page cache, as on a server whose fan-outs keep
    // them there: each run adds a million entries or more to a copy already near the size of the
    // machine's memory, and pushes pages out. Once the copy had grown to 22 GB, a fan-out's insert met
    // such a page now and then: one 4 KB disk read (the thread's read_bytes) of 15 to 145 ms, with
    // the writer's lock held, and the requests waited for it.
    const started = performance.now();
    for (const table of ["home_timeline", "home_timeline_state"])
      raw.prepare(`select count(*) from ${table}`).get();
    log(
      `  ${worker} run: timelines read into the OS page cache in ${round((performance.now() - started) / 1000)} s`,
    );
    raw.close();
  }
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: `sqlite:${dbPath}`,
    LIENS_WORKER: worker,
    LOG_LEVEL: "error",
  };
  delete env.NODE_OPTIONS;
  const children = [startProcess(["serve"], env)];
  if (worker === "separate") children.push(startProcess(["worker"], env));
  try {
    for (let i = 0; i < 200; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
      } catch {
        // not yet
      }
      await sleep(100);
    }
    const raw = new DatabaseSync(dbPath);
    raw.exec("PRAGMA busy_timeout = 5000");
    await startUpJobsDone(raw);
    const token = randomBytes(32).toString("base64url");
    const now = new Date();
    raw
      .prepare(
        `INSERT INTO sessions (id, account_id, token_hash, user_agent, ip, created_at, last_seen_at, expires_at)
         VALUES (?, ?, ?, 'liens-bench', '127.0.0.1', ?, ?, ?)`,
      )
      .run(
        uuidv7(),
        posterId,
        createHash("sha256").update(token).digest("base64url"),
        now.toISOString(),
        now.toISOString(),
        new Date(now.getTime() + 86_400_000).toISOString(),
      );
    raw.close();
    const base = `http://127.0.0.1:${port}`;
    const first = await fetch(`${base}/`, { headers: { cookie: `liens_session=${token}` } });
    await first.text();
    const csrf = /liens_csrf=([^;]+)/.exec(first.headers.getSetCookie().join(";"))?.[1] ?? "";
    const cookie = `liens_session=${token}; liens_csrf=${csrf}`;
    const latencies: number[] = [];
    // A steady stream, faster than the fan-out drains: every post is made while earlier fan-outs run.
    const gapMs = 40;
    for (let i = 0; i < count + 10; i++) {
      const started = performance.now();
      const response = await fetch(`${base}/posts`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          _csrf: csrf,
          body: `Bench post ${i} about the lighthouse`,
          visibility: "public",
          next: "/",
        }),
        redirect: "manual",
      });
      await response.text();
      if (response.status !== 303) throw new Error(`POST /posts answered ${response.status}`);
      if (i >= 10) latencies.push(performance.now() - started);
      const left = gapMs - (performance.now() - started);
      if (left > 0) await sleep(left);
    }
    if (children.some((child) => child.exitCode !== null))
      throw new Error(`A liens process of the ${worker} posting run stopped during it (above)`);
    return latencies;
  } finally {
    for (const child of children) child.kill("SIGKILL");
    await sleep(300);
  }
}

async function main() {
  const population = await ensurePopulation({
    seed: Number(args.seed),
    accounts: Number(args.accounts),
    log,
  });
  const posts = (population.info as { posts?: PostsInfo }).posts;
  if (!posts) throw new Error("The population has no posts (bench/generate-posts.ts)");
  const dir = join(DATA_DIR, `timelines-${args.seed}-${args.accounts}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const dbPath = join(dir, "liens.db");
  copyFileSync(population.path, dbPath);
  {
    const raw = new DatabaseSync(dbPath);
    // The active people read their timeline lately (the generated "last seen" may be old by now).
    raw.prepare("UPDATE home_timeline_state SET seen_at = ?").run(new Date().toISOString());
    raw.close();
  }
  {
    // What the server's first start would do (and hold the write lock for): pending migrations and the
    // planner statistics, done here once, so that every figure is of the current schema and the
    // posting runs measure posting. Closed before the copy is held in the OS page cache, as bench/run.ts
    // does: a migration that builds an index grows the file and writes its pages through the WAL, and
    // held before, 1.5 GB of the copy (an index on follows) was out of the cache by the posting runs.
    const database = await openDatabase({ databaseUrl: `sqlite:${dbPath}`, dataDir: dir });
    await migrate(database.db);
    await refreshPlannerStatistics(database.db);
    await database.destroy();
  }
  holdInOsCache(dbPath, log);
  // The machine's yardstick, before anything of ours runs: the budgets are ratios to it.
  const hello = await helloRps();
  log(`hello world: ${hello.map((rps) => Math.round(rps)).join(", ")} requests/s`);
  // As the server and the worker, where fan-outs and rebuilds run, open it.
  const database = await openDatabase({ databaseUrl: `sqlite:${dbPath}`, dataDir: dir, longRunning: true });
  const db = database.db;
  const deps = { db, clock: { now: () => new Date() }, newId: uuidv7 };
  const viewer = population.info.viewer.id;
  const iterations = Number(args.iterations);
  const active = (await db.selectFrom("home_timeline_state").select("owner_id").execute()).map(
    (r) => r.owner_id,
  );
  const sample = active
    .filter((_, i) => i % Math.max(1, Math.floor(active.length / 200)) === 0)
    .slice(0, 200);

  // 1. Timeline data fetch: a page (21 entries) from the table, vs computed from the posts.
  const reps = Array.from({ length: iterations }, () => viewer);
  await timeEach(reps.slice(0, 200), () => storedEntries(db, viewer, { limit: 21 }));
  const stored = stats(await timeEach(reps, () => storedEntries(db, viewer, { limit: 21 })));
  const storedMany = stats(await timeEach(sample, (id) => storedEntries(db, id, { limit: 21 })));
  await timeEach(reps.slice(0, 20), () => homeOnRead(db, viewer, { limit: 21 }));
  const onRead = stats(
    await timeEach(reps.slice(0, Math.min(500, iterations)), () => homeOnRead(db, viewer, { limit: 21 })),
  );
  const onReadMany = stats(await timeEach(sample, (id) => homeOnRead(db, id, { limit: 21 })));
  log(
    `timeline data fetch (viewer): table p50 ${round(stored.p50 * 1000)} µs, p99 ${round(stored.p99 * 1000)} µs; fan-out on read p50 ${round(onRead.p50 * 1000)} µs, p99 ${round(onRead.p99 * 1000)} µs`,
  );

  // 2. Rebuilds of 400 entries for people coming back. The trim empties the timeline of anyone inactive
  // for INACTIVE_DAYS (services/timelines/trim.ts), so a returning person's rebuild writes every entry:
  // each timeline is emptied first, untimed, as the trim would have. (Rebuilt with its rows in place,
  // as a new follow does, the same timelines wrote almost nothing and took 2.5 to 3 times less.)
  let entries = 0;
  const rebuildMs: number[] = [];
  for (const id of sample) {
    await db.deleteFrom("home_timeline").where("owner_id", "=", id).execute();
    const start = performance.now();
    entries += (await rebuildHomeTimeline(deps, id)).length;
    rebuildMs.push(performance.now() - start);
  }
  const rebuild = stats(rebuildMs);
  log(
    `rebuild: p50 ${round(rebuild.p50, 2)} ms, p99 ${round(rebuild.p99, 2)} ms (${round(entries / sample.length)} entries on average)`,
  );

  // 2b. What a returning person waits for: their first home page, computed from the posts while the
  // rebuild is queued (homeEntries). Of 200 people whose timeline no one has read, in this process.
  const returning = (
    await db
      .selectFrom("accounts as a")
      .select("a.actor_id")
      .where(({ exists, not, selectFrom }) =>
        not(
          exists(
            selectFrom("home_timeline_state as s")
              .select("s.owner_id")
              .whereRef("s.owner_id", "=", "a.actor_id"),
          ),
        ),
      )
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom("follows as f")
            .select("f.id")
            .whereRef("f.follower_id", "=", "a.actor_id")
            .where("f.status", "=", "accepted"),
        ),
      )
      .limit(200)
      .execute()
  ).map((r) => r.actor_id);
  const firstPage = stats(await timeEach(returning, (id) => homeEntries(deps, id)));
  await db.deleteFrom("jobs").where("kind", "=", REBUILD_JOB).execute();
  log(
    `a returning person's first page: p50 ${round(firstPage.p50, 2)} ms, p99 ${round(firstPage.p99, 2)} ms`,
  );

  // 3. Fan-out of posts by the poster (10,000 followers).
  const posterViewer = {
    accountId: posts.poster.id,
    sessionId: "bench",
    handle: posts.poster.handle,
    displayName: posts.poster.handle,
    role: "member" as const,
    locale: null,
    timeZone: null,
  };
  // Each post writes about 22,000 WAL pages, and every fourth or fifth one waits for the checkpoints to
  // have copied the WAL back (fanout-write.ts): the mean of five posts held one wait or two; of fifteen,
  // about the share a stream of posts pays.
  const FANOUT_POSTS = 16;
  const fanouts: { ms: number; recipients: number }[] = [];
  for (let i = 0; i < FANOUT_POSTS; i++) {
    const { id } = await createPost({ ...deps, storage: null as never }, posterViewer, {
      body: `Fan-out ${i}`,
      visibility: "public",
    });
    const start = performance.now();
    const recipients = await fanOut(deps, { postId: id });
    fanouts.push({ ms: performance.now() - start, recipients });
  }
  const fan = fanouts.slice(1);
  const perFollowerUs =
    (fan.reduce((s, f) => s + f.ms, 0) * 1000) / fan.reduce((s, f) => s + f.recipients, 0);
  log(
    `fan-out: ${fan[0]?.recipients} recipients, ${round(stats(fan.map((f) => f.ms)).p50)} ms per post, ${round(perFollowerUs, 2)} µs per follower`,
  );
  // The same posts waiting together, as the job runner takes them when posts come faster than the
  // fan-out drains (a batch of BATCHED posts: the runner claims up to 20 jobs at a time).
  const BATCHED = 20;
  // From a WAL copied back: the batch pays for the pages it writes, not for the posts' before it.
  checkpointSoon(db);
  while (walState(db).backlog > 0) await sleep(5);
  const waiting: { postId: string }[] = [];
  for (let i = 0; i < BATCHED; i++) {
    const { id } = await createPost({ ...deps, storage: null as never }, posterViewer, {
      body: `Fan-out batch ${i}`,
      visibility: "public",
    });
    waiting.push({ postId: id });
  }
  const batchStart = performance.now();
  const batchRows = await fanOutMany(deps, waiting);
  const batchMs = performance.now() - batchStart;
  const batchPerEntryUs = (batchMs * 1000) / batchRows;
  log(
    `fan-out of ${BATCHED} waiting posts together: ${round(batchMs)} ms, ${round(batchPerEntryUs, 2)} µs per entry`,
  );
  await db.deleteFrom("jobs").execute();
  await database.destroy();

  // 4. Posting over HTTP while the fan-outs run.
  const count = Number(args.posts);
  const runs: Record<"inline" | "separate", PostingRun[]> = { inline: [], separate: [] };
  for (let run = 1; run <= Number(args["posting-runs"]); run++)
    for (const worker of ["inline", "separate"] as const) {
      const s = stats(await postingRun(dbPath, posts.poster.id, count, worker));
      runs[worker].push({ p50: s.p50, p99: s.p99, ratio: s.p99 / s.p50 });
      log(
        `posting (${worker === "inline" ? "jobs inline" : "separate worker"}, run ${run}): p50 ${round(s.p50)} ms, p99 ${round(s.p99)} ms, ratio ${round(s.p99 / s.p50, 2)}`,
      );
    }
  const inline = postingFigures(runs.inline);
  const separate = postingFigures(runs.separate);

  const result = {
    helloRps: [...hello].sort((a, b) => a - b)[Math.floor(hello.length / 2)] ?? 0,
    accounts: population.info.accounts,
    posts: posts.posts,
    timelineRows: posts.timelineRows,
    activeAccounts: posts.activeAccounts,
    fetch: { table: stored, tableSample: storedMany, onRead, onReadSample: onReadMany },
    rebuild: { ...rebuild, entries: entries / sample.length },
    firstPage,
    fanout: {
      recipients: fan[0]?.recipients ?? 0,
      msPerPost: stats(fan.map((f) => f.ms)).p50,
      perFollowerUs,
      batch: { posts: BATCHED, entries: batchRows, ms: batchMs, perEntryUs: batchPerEntryUs },
    },
    posting: { inline, separate, followers: posts.poster.followers },
  };
  if (args.json) console.log(JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
  const code = execFileSync("git", ["log", "-1", "--format=%h %s"], { cwd: ROOT, encoding: "utf8" }).trim();
  writeSection(
    join(BENCH_DIR, "results.md"),
    TIMELINES_HEADING,
    timelinesMarkdown(result, new Date().toISOString(), `\`${code}\``),
  );
  // Committed, as the linter formats it (aligned tables).
  spawnSync(
    join(ROOT, "node_modules", ".bin", "biome"),
    ["format", "--write", join(BENCH_DIR, "results.md")],
    {
      stdio: "ignore",
    },
  );
}

await main();
