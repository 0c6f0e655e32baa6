/**
 * People-you-may-know latency, in process: opens a generated database with the app's own
 * `openDatabase`, calls `peopleYouMayKnow` for the bench viewer (1,000 connections) `--warmup` times,
 * then `--iterations` times measured one after another, and prints p50/p95/p99 in ms with the size of
 * the work (friends of friends considered). Budget: p99 < 50 ms (issue 3).
 *
 *   npx tsx bench/pymk.ts [--accounts 10000] [--seed 42]        # the cached population (read only use)
 *   npx tsx bench/pymk.ts --db path/to/liens.db --viewer <id> [--src <checkout>] [--json]
 *
 * `--src` loads the app's modules from another checkout (run.ts passes its `git archive HEAD`
 * snapshot, so the figure is for the same code the servers run). `--json` prints one JSON line.
 */
import { join, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type * as DbModule from "../src/db/index.ts";
import type * as PymkModule from "../src/services/suggestions/people-you-may-know.ts";
import { MAX_BRIDGES } from "../src/services/suggestions/people-you-may-know.ts";

export const PYMK_BUDGET_MS = 50;

export interface PymkResult {
  viewerId: string;
  iterations: number;
  warmup: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  pass: boolean;
  suggestions: number;
  /** The viewer's connections, and how many of them the service uses as bridges. */
  connections: number;
  bridges: number;
  /** (bridge, candidate) rows the service reads: the friends of friends it considers, with repeats. */
  pairs: number;
  /** Distinct people among them, and those left once the viewer and their connections are removed. */
  distinctCandidates: number;
  friendsOfFriends: number;
  /** Distinct friends of friends through all connections (not only the bridges). */
  friendsOfFriendsAll: number;
  /** Rows of the shared-tags join (the service caps it at 5,000). */
  tagRows: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** What the service reads, counted with plain SQL (the same queries' shapes). */
function workSize(path: string, me: string) {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const count = (sql: string, ...params: string[]) =>
      Number((db.prepare(sql).get(...params) as { c: number }).c);
    const bridges = `SELECT other_id FROM connections WHERE owner_id = ? ORDER BY created_at DESC LIMIT ${MAX_BRIDGES}`;
    const direct = "SELECT other_id FROM connections WHERE owner_id = ?";
    return {
      connections: count("SELECT count(*) AS c FROM connections WHERE owner_id = ?", me),
      bridges: count(`SELECT count(*) AS c FROM (${bridges})`, me),
      pairs: count(`SELECT count(*) AS c FROM connections WHERE owner_id IN (${bridges})`, me),
      distinctCandidates: count(
        `SELECT count(DISTINCT other_id) AS c FROM connections WHERE owner_id IN (${bridges})`,
        me,
      ),
      friendsOfFriends: count(
        `SELECT count(DISTINCT other_id) AS c FROM connections WHERE owner_id IN (${bridges})
           AND other_id != ? AND other_id NOT IN (${direct})`,
        me,
        me,
        me,
      ),
      friendsOfFriendsAll: count(
        `SELECT count(DISTINCT other_id) AS c FROM connections WHERE owner_id IN (${direct})
           AND other_id != ? AND other_id NOT IN (${direct})`,
        me,
        me,
        me,
      ),
      tagRows: count(
        `SELECT count(*) AS c FROM (SELECT 1 FROM profile_tags mine JOIN profile_tags theirs ON theirs.tag = mine.tag
           WHERE mine.actor_id = ? AND theirs.actor_id != ? LIMIT 5000)`,
        me,
        me,
      ),
    };
  } finally {
    db.close();
  }
}

export async function measurePymk(options: {
  dbPath: string;
  viewerId: string;
  srcRoot: string;
  warmup?: number;
  iterations?: number;
}): Promise<PymkResult> {
  const warmup = options.warmup ?? 20;
  const iterations = options.iterations ?? 200;
  const load = <T>(rel: string) => import(pathToFileURL(join(options.srcRoot, rel)).href) as Promise<T>;
  const { openDatabase } = await load<typeof DbModule>("src/db/index.ts");
  const { peopleYouMayKnow } = await load<typeof PymkModule>(
    "src/services/suggestions/people-you-may-know.ts",
  );
  const database = await openDatabase({ databaseUrl: `sqlite:${options.dbPath}`, dataDir: "." });
  const viewer = {
    accountId: options.viewerId,
    sessionId: "bench",
    handle: "bench",
    displayName: "Bench",
    role: "member" as const,
    locale: null,
    timeZone: null,
  };
  const deps = { db: database.db };
  const times: number[] = [];
  let suggestions = 0;
  try {
    for (let i = 0; i < warmup; i++) await peopleYouMayKnow(deps, viewer);
    for (let i = 0; i < iterations; i++) {
      const start = performance.now();
      const result = await peopleYouMayKnow(deps, viewer);
      times.push(performance.now() - start);
      suggestions = result.length;
    }
  } finally {
    await database.destroy();
  }
  const sorted = times.slice().sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  const p99 = percentile(sorted, 99);
  return {
    viewerId: options.viewerId,
    iterations,
    warmup,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(p99),
    mean: round(times.reduce((a, b) => a + b, 0) / times.length),
    max: round(sorted[sorted.length - 1] ?? 0),
    pass: p99 < PYMK_BUDGET_MS,
    suggestions,
    ...workSize(options.dbPath, options.viewerId),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      viewer: { type: "string" },
      src: { type: "string", default: join(import.meta.dirname, "..") },
      accounts: { type: "string", default: "10000" },
      seed: { type: "string", default: "42" },
      warmup: { type: "string", default: "20" },
      iterations: { type: "string", default: "200" },
      json: { type: "boolean", default: false },
    },
  });
  let dbPath = values.db;
  let viewerId = values.viewer;
  if (!dbPath || !viewerId) {
    const { ensurePopulation } = await import("./generate.ts");
    const population = await ensurePopulation({
      seed: Number(values.seed),
      accounts: Number(values.accounts),
    });
    dbPath ??= population.path;
    viewerId ??= population.info.viewer.id;
  }
  const result = await measurePymk({
    dbPath,
    viewerId,
    srcRoot: values.src,
    warmup: Number(values.warmup),
    iterations: Number(values.iterations),
  });
  if (values.json) console.log(JSON.stringify(result));
  else
    console.log(
      `people you may know (${result.connections} connections, ${result.bridges} bridges, ${result.pairs} friend-of-friend rows, ` +
        `${result.friendsOfFriends} distinct candidates, ${result.tagRows} tag rows): ` +
        `p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms (budget < ${PYMK_BUDGET_MS} ms: ${result.pass ? "pass" : "FAIL"})`,
    );
}
