/**
 * Relationship-engine budgets (issue 6), in process on the generated ledger (bench/generate-ledger.ts):
 * - recompute one user with 5,000 ties and 200,000 facts from the ledger (< 1 s);
 * - /nurture and a contact page ("our story") for that user through the real app, p50/p99 (< 50 ms);
 * - the nightly decay over every owner (< 10 min), with /nurture's p99 measured while it runs
 *   against its idle p99 (the job yields between batches; budget: within 2×).
 *
 *   npx tsx bench/engine.ts [--quick] [--accounts N] [--iterations 200] [--json]
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { v7 as uuidv7 } from "uuid";
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/index.ts";
import type { Deps } from "../src/services/deps.ts";
import { createSession } from "../src/services/sessions/create.ts";
import { diskStorage } from "../src/services/storage.ts";
import { decayAll } from "../src/services/ties/decay.ts";
import { recomputeOwner } from "../src/services/ties/recompute-owner.ts";
import { createApp } from "../src/web/app.ts";
import { BENCH_DIR } from "./generate.ts";
import { generateLedger } from "./generate-ledger.ts";

export const ENGINE_BUDGETS = { recomputeMs: 1000, pageP99Ms: 50, decayMinutes: 10, loadRatio: 2 };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    n: sorted.length,
    p50: r(percentile(sorted, 50)),
    p99: r(percentile(sorted, 99)),
    max: r(sorted.at(-1) ?? 0),
  };
}

export async function runEngineBench(options: { accounts: number; iterations: number }) {
  const dataDir = join(BENCH_DIR, "data", `ledger-${options.accounts}`);
  const path = join(dataDir, "liens.db");
  let generated: Awaited<ReturnType<typeof generateLedger>> | null = null;
  const genStarted = performance.now();
  if (!existsSync(path)) generated = await generateLedger(options.accounts, path);
  const generateSeconds = Math.round((performance.now() - genStarted) / 1000);
  const database = await openDatabase({ dataDir });
  const now = new Date(Date.UTC(2026, 5, 1, 12));
  const deps: Deps = {
    db: database.db,
    clock: { now: () => now },
    newId: uuidv7,
    config: { ...loadConfig({ NODE_ENV: "production", LIENS_DATA_DIR: dataDir }), instanceName: "Bench" },
    storage: diskStorage(join(dataDir, "media")),
    passwordCost: 10,
  };
  const big = await database.db
    .selectFrom("actors")
    .select("id")
    .where("handle", "=", "u0")
    .executeTakeFirstOrThrow();
  const counts = await database.db
    .selectFrom("interactions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const bigCounts = await database.db
    .selectFrom("interactions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("owner_id", "=", big.id)
    .executeTakeFirstOrThrow();

  // 1. Recompute the big user from the ledger.
  const r0 = performance.now();
  const recomputedTies = await recomputeOwner(deps, big.id, now.getTime());
  const recomputeMs = Math.round(performance.now() - r0);

  // 2. Pages through the real app (routing, session, rendering), one after the other.
  const app = createApp(deps);
  const { token } = await createSession(deps, big.id, { ip: "127.0.0.1", userAgent: "bench" });
  const other = await database.db
    .selectFrom("ties")
    .innerJoin("actors", "actors.id", "ties.other_actor_id")
    .select("actors.handle")
    .where("ties.owner_id", "=", big.id)
    .orderBy("ties.strength", "desc")
    .executeTakeFirstOrThrow();
  const get = async (p: string) => {
    const t = performance.now();
    const res = await app.request(p, { headers: { cookie: `liens_session=${token}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
    return performance.now() - t;
  };
  const measure = async (p: string) => {
    for (let i = 0; i < 20; i++) await get(p);
    const samples: number[] = [];
    for (let i = 0; i < options.iterations; i++) samples.push(await get(p));
    return stats(samples);
  };
  const nurture = await measure("/nurture");
  const story = await measure(`/nurture/with/@${other.handle}`);

  // 3. The nightly decay over everyone, with /nurture requested meanwhile.
  let running = true;
  const during: number[] = [];
  const load = (async () => {
    while (running) {
      during.push(await get("/nurture"));
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const d0 = performance.now();
  const decay = await decayAll(deps, now.getTime() + 86_400_000);
  const decaySeconds = Math.round((performance.now() - d0) / 100) / 10;
  running = false;
  await load;
  const duringStats = stats(during);
  await database.destroy();
  return {
    accounts: options.accounts,
    facts: Number(counts.n),
    generateSeconds: generated ? generateSeconds : null,
    bigUser: { ties: recomputedTies, facts: Number(bigCounts.n), recomputeMs },
    nurture,
    story,
    decay: {
      ...decay,
      seconds: decaySeconds,
      nurtureDuring: duringStats,
      ratio: Math.round((duringStats.p99 / Math.max(0.1, nurture.p99)) * 10) / 10,
    },
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      accounts: { type: "string" },
      quick: { type: "boolean", default: false },
      iterations: { type: "string", default: "200" },
    },
  });
  const accounts = Number(values.accounts ?? (values.quick ? 10_000 : 100_000));
  const result = await runEngineBench({ accounts, iterations: Number(values.iterations) });
  console.log(JSON.stringify(result, null, 2));
}
