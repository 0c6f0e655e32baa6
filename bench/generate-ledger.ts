/**
 * A realistic interaction ledger for the relationship-engine benchmark (issue 6): `--accounts` owners
 * (10,000 with --quick, 100,000 by default), each with ties to others (log-normal-ish, median ~25)
 * and about 100 facts per owner on average (≥ 10M facts for 100k), written with the app's schema
 * (openDatabase + migrate), then every tie's state computed by the engine and stored (as the writes
 * would have). Also one "big" owner with 5,000 ties and 200,000 facts for the per-user budgets (there
 * are always at least 5,000 other accounts for it), whose ties are written in slices among everyone
 * else's, as facts arrive over time, not in one block.
 *
 * Written by raw prepared statements in transactions of ~1,000 owners (a 100k-account, 10M-fact
 * ledger in minutes).
 *
 *   npx tsx bench/generate-ledger.ts [--accounts 100000] [--quick] [--out bench/data/ledger-N.db]
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { parseArgs } from "node:util";
import { v7 as uuidv7 } from "uuid";
import { migrate, openDatabase } from "../src/db/index.ts";
import { stageOf } from "../src/domain/relationships/index.ts";
import type { Channel, Fact, FactKind } from "../src/domain/relationships/types.ts";
import { derivedColumns, uncappedLayer } from "../src/services/ties/columns.ts";
import { BENCH_DIR } from "./generate.ts";
import { Rng } from "./prng.ts";

export const BIG_TIES = 5_000;
export const BIG_FACTS = 200_000;
/** Average facts per owner the degree distribution is tuned for (connection facts included). */
const FACTS_PER_OWNER = 100;
/** The big owner's ties are written in this many slices, spread over the run. */
const BIG_SLICES = 50;
const DAY = 86_400_000;

const KINDS: [FactKind, Channel, number][] = [
  ["dm_day_one_way", "dm", 40],
  ["dm_day_both", "dm", 15],
  ["reply", "public", 15],
  ["reaction", "public", 15],
  ["comment", "public", 5],
  ["meetup_coattended", "meetup", 3],
  ["met_in_person", "in_person", 4],
  ["call", "call", 3],
];
const TOTAL = KINDS.reduce((s, k) => s + k[2], 0);

function pickKind(rng: Rng): [FactKind, Channel] {
  let x = rng.next() * TOTAL;
  for (const [kind, channel, w] of KINDS) {
    x -= w;
    if (x <= 0) return [kind, channel];
  }
  return ["reply", "public"];
}

export interface LedgerInfo {
  path: string;
  now: number;
  bigOwner: string;
  bigHandle: string;
  owners: number;
  accounts: number;
  ties: number;
  facts: number;
}

export async function generateLedger(accounts: number, out: string, seed = 42): Promise<LedgerInfo> {
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(out + suffix)) rmSync(out + suffix);
  mkdirSync(join(out, ".."), { recursive: true });
  const dataDir = join(out, "..");
  const handle = await openDatabase({ dataDir });
  await migrate(handle.db);
  await handle.destroy();
  const db = new DatabaseSync(join(dataDir, "liens.db"));
  const rng = new Rng(seed);
  const now = Date.UTC(2026, 5, 1);
  // u0 needs BIG_TIES distinct others, whatever the network's size.
  const people = Math.max(accounts, BIG_TIES);
  const ids = Array.from({ length: people + 1 }, () => uuidv7());
  const iso = (ms: number) => new Date(ms).toISOString();
  db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
  db.exec("BEGIN");
  const actor = db.prepare(
    "INSERT INTO actors (id, handle, domain, uri, inbox_url, shared_inbox_url, public_key_pem, display_name, created_at, updated_at) VALUES (?, ?, NULL, ?, NULL, NULL, NULL, ?, ?, ?)",
  );
  const account = db.prepare(
    "INSERT INTO accounts (actor_id, email, password_hash, role, locale, time_zone, created_at) VALUES (?, ?, 'x', 'member', 'en', NULL, ?)",
  );
  ids.forEach((id, i) => {
    actor.run(id, `u${i}`, `http://bench/u${i}`, `User ${i}`, iso(now), iso(now));
    account.run(id, `u${i}@bench.test`, iso(now));
  });
  db.exec("COMMIT");
  const fact = db.prepare(
    "INSERT OR IGNORE INTO interactions (id, owner_id, other_key, other_actor_id, other_contact_id, initiator, kind, channel, occurred_at, day, source_type, source_id, note, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, 'bench', NULL, NULL, ?)",
  );
  const tie = db.prepare(
    "INSERT OR IGNORE INTO ties (owner_id, other_key, other_actor_id, other_contact_id, stage, strength, peak_strength, layer, activation, activation_at, first_at, last_interaction_at, connected_at, last_meetup_at, next_suggested_at, next_change_at, state, computed_at, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  let facts = 0;
  let ties = 0;
  const writeTie = (owner: string, other: string, count: number, spanDays: number) => {
    const list: Fact[] = [];
    const start = now - spanDays * DAY;
    const t0 = start - rng.int(31) * DAY;
    list.push({ kind: "connection_request", initiator: "owner", channel: "dm", occurredAt: t0 });
    list.push({ kind: "connection_accepted", initiator: "other", channel: "dm", occurredAt: t0 + 3_600_000 });
    for (let k = 0; k < count; k++) {
      const [kind, channel] = pickKind(rng);
      list.push({
        kind,
        channel,
        initiator: rng.next() < 0.5 ? "owner" : "other",
        occurredAt: start + Math.floor(rng.next() * spanDays * DAY),
      });
    }
    for (const f of list) {
      const at = iso(f.occurredAt);
      fact.run(uuidv7(), owner, other, other, f.initiator, f.kind, f.channel, at, at.slice(0, 10), at);
    }
    facts += list.length;
    const state = stageOf({}, list, now);
    const c = derivedColumns(state, now);
    tie.run(
      owner,
      other,
      other,
      c.stage,
      c.strength,
      c.peak_strength,
      uncappedLayer(state, now),
      c.activation,
      c.activation_at,
      c.first_at,
      c.last_interaction_at,
      c.connected_at,
      c.last_meetup_at,
      c.next_suggested_at,
      c.next_change_at,
      c.state,
      c.computed_at,
      iso(now),
      iso(now),
    );
    ties += 1;
  };
  // The big owner: 5,000 ties, 200,000 facts over three years, in slices among the other owners.
  const big = ids[0] as string;
  const perSlice = Math.ceil(BIG_TIES / BIG_SLICES);
  let bigWritten = 0;
  const writeBigSlice = () => {
    for (let i = 0; i < perSlice && bigWritten < BIG_TIES; i++, bigWritten++)
      writeTie(big, ids[1 + bigWritten] as string, BIG_FACTS / BIG_TIES - 2, 3 * 365);
  };
  const sliceEvery = Math.max(1, Math.floor(accounts / BIG_SLICES));
  for (let o = 1; o <= accounts; o++) {
    if (o % 1000 === 1) db.exec("BEGIN");
    if (o % sliceEvery === 1 || sliceEvery === 1) writeBigSlice();
    const owner = ids[o] as string;
    const degree = Math.max(2, Math.min(400, Math.round(Math.exp(rng.next() * 2.2 + 2.2))));
    // Facts besides each tie's two connection facts, so that an owner has ~FACTS_PER_OWNER in all.
    const perTie = Math.max(0, FACTS_PER_OWNER / degree - 2.5);
    const others = new Set<string>();
    for (let j = 0; j < degree; j++) {
      const other = ids[1 + rng.int(accounts)] as string;
      if (other === owner || others.has(other)) continue;
      others.add(other);
      const count = Math.floor(perTie) + (rng.next() < perTie % 1 ? 1 : 0) + rng.int(2);
      writeTie(owner, other, count, 30 + rng.int(3 * 365 - 29));
    }
    if (o % 1000 === 0 || o === accounts) db.exec("COMMIT");
    if (o % 10_000 === 0) console.error(`ledger: ${o} owners, ${facts} facts, ${ties} ties`);
  }
  db.exec("BEGIN");
  while (bigWritten < BIG_TIES) writeBigSlice();
  db.exec("COMMIT");
  db.close();
  return {
    path: join(dataDir, "liens.db"),
    now,
    bigOwner: big,
    bigHandle: "u0",
    owners: accounts + 1,
    accounts: people + 1,
    ties,
    facts,
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      accounts: { type: "string" },
      quick: { type: "boolean", default: false },
      out: { type: "string" },
    },
  });
  const accounts = Number(values.accounts ?? (values.quick ? 10_000 : 100_000));
  const out = values.out ?? join(BENCH_DIR, "data", `ledger-${accounts}`, "liens.db");
  const started = performance.now();
  const info = await generateLedger(accounts, out);
  console.log(JSON.stringify({ ...info, seconds: Math.round((performance.now() - started) / 1000) }));
}
