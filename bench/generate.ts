/**
 * Generates a realistic population into a fresh SQLite database created by the app's own
 * `openDatabase` + `migrate` (so the schema is the real one), then bulk-loads it with raw node:sqlite
 * prepared statements inside big transactions. Deterministic from `--seed` (handles, names, the
 * follow graph; UUIDv7 ids are not), cached as `bench/data/population-<seed>-<N>.db` with a JSON
 * completion marker beside it.
 *
 * Steps are small and composable: each takes the shared context (raw db, seeded RNG forked per step,
 * what earlier steps produced) and returns what later steps need. To add posts, events or facts, write
 * `generatePosts(ctx, accounts, follows)` and call it from `buildPopulation`, then bump GENERATOR_VERSION.
 *
 * Usage: tsx bench/generate.ts [--accounts 100000] [--seed 42] [--force]
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { v7 as uuidv7 } from "uuid";
import { migrate, openDatabase } from "../src/db/index.ts";
import { RESERVED_HANDLES } from "../src/domain/handles.ts";
import { hashPassword } from "../src/services/security/passwords.ts";
import {
  BIO_CLOSERS,
  BIO_MIDDLES,
  BIO_OPENERS,
  CITIES,
  FIRST_NAMES,
  HEADLINE_TEMPLATES,
  INTERESTS,
  LAST_NAMES,
  LINK_SITES,
  MESSAGE_LINES,
  ORGANISATIONS,
  PRO_LINK_SITES,
  ROLES,
  SKILLS,
} from "./corpus.ts";
import { ensurePosts } from "./generate-posts.ts";
import { Rng } from "./prng.ts";

/** Bump when a step changes what it writes: cached populations of another version are regenerated. */
export const GENERATOR_VERSION = 1;
/**
 * Version of the "making contact" steps (profile tags, connections, the viewer's conversations). They
 * only read what the base steps wrote back from the database, so a cached population of the current
 * GENERATOR_VERSION without them (or with another CONTACT_VERSION) is extended in place — one
 * transaction, after the app's pending migrations — instead of being regenerated from scratch.
 */
export const CONTACT_VERSION = 1;
/** The viewer's connections, exactly; the people-you-may-know budget is stated for this many. */
export const VIEWER_CONNECTIONS = 1000;
/** The viewer's 1:1 conversations, and the message count of the biggest one. */
export const VIEWER_CONVERSATIONS = 200;
export const BIGGEST_CONVERSATION_MESSAGES = 600;
export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = join(BENCH_DIR, "data");
/** Every generated account has this password (one scrypt hash, computed once, reused). */
export const BENCH_PASSWORD = "bench-password-not-secret";
/** The public URL actor URIs are built on (the app's default when PUBLIC_URL is unset). */
const PUBLIC_URL = "http://localhost:3000";
/** Accounts are created over this period, follows between their creation and its end. */
const EPOCH_START = Date.UTC(2023, 0, 1);
const EPOCH_END = Date.UTC(2025, 9, 1);

export interface PopulationOptions {
  seed: number;
  accounts: number;
  /** Mean follows per account (out-degree). */
  meanFollows?: number;
  force?: boolean;
  log?: (line: string) => void;
}

export interface PopulationInfo {
  version: number;
  seed: number;
  accounts: number;
  follows: number;
  generatedAt: string;
  generationSeconds: number;
  stepSeconds: Record<string, number>;
  bytes: number;
  password: string;
  /** The most followed account, and follower-count percentiles over all accounts. */
  popular: { handle: string; id: string; followers: number };
  followers: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** A member who follows `popular` (the signed-in viewer of the benchmarks). */
  viewer: { handle: string; id: string };
  /** What the "making contact" steps wrote (absent from populations generated before them). */
  contact?: ContactInfo;
}

export interface ContactInfo {
  version: number;
  generatedAt: string;
  stepSeconds: Record<string, number>;
  profileTags: number;
  /** Connections (each one is two rows), and connections per account percentiles. */
  connections: number;
  perAccount: { p50: number; p90: number; p99: number; max: number; mean: number };
  viewerConnections: number;
  /** Distinct people two connection hops from the viewer (not the viewer, not a connection). */
  viewerFriendsOfFriends: number;
  /** The viewer's conversations and their messages in all. */
  conversations: number;
  messages: number;
  /** The viewer's biggest conversation (also the most recent one: first in the inbox). */
  biggestConversation: { id: string; messages: number; withHandle: string };
}

export interface Population {
  path: string;
  info: PopulationInfo;
  cached: boolean;
}

/** What every step receives. */
export interface GenContext {
  db: DatabaseSync;
  rng: Rng;
  accounts: number;
  meanFollows: number;
  log: (line: string) => void;
}

export interface GeneratedAccounts {
  ids: string[];
  handles: string[];
  createdMs: Float64Array;
}

export interface GeneratedFollows {
  count: number;
  /** Followers per account, by account index. */
  inDegree: Int32Array;
}

export function populationPath(seed: number, accounts: number): string {
  return join(DATA_DIR, `population-${seed}-${accounts}.db`);
}

const markerPath = (path: string) => `${path}.done.json`;

function readMarker(path: string): PopulationInfo | null {
  if (!existsSync(path) || !existsSync(markerPath(path))) return null;
  try {
    const info = JSON.parse(readFileSync(markerPath(path), "utf8")) as PopulationInfo;
    return info.version === GENERATOR_VERSION ? info : null;
  } catch {
    return null;
  }
}

function removeDb(path: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal", ".done.json"]) rmSync(path + suffix, { force: true });
}

/** Runs `fn` in transactions of about `every` units of work (call `tick` per unit). */
function batched(db: DatabaseSync, every: number, fn: (tick: (n?: number) => void) => void): void {
  let pending = 0;
  db.exec("BEGIN");
  try {
    fn((n = 1) => {
      pending += n;
      if (pending >= every) {
        db.exec("COMMIT; BEGIN");
        pending = 0;
      }
    });
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}

/** Drops a table's explicit indexes during a bulk load and recreates them from their exact SQL. */
function withIndexesDeferred(db: DatabaseSync, table: string, fn: () => void): void {
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
    .all(table) as { name: string; sql: string }[];
  for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
  fn();
  for (const { sql } of indexes) {
    const start = performance.now();
    db.exec(sql);
    if (process.env.BENCH_VERBOSE)
      console.log(`    index ${sql.slice(0, 60)}… ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function asciiHandlePart(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
}

/** Step 1: local accounts (actors + accounts rows) with realistic, partly private profiles. */
export async function generateAccounts(ctx: GenContext): Promise<GeneratedAccounts> {
  const rng = ctx.rng.fork("accounts");
  const n = ctx.accounts;
  const passwordHash = await hashPassword(BENCH_PASSWORD, 15);
  const ids: string[] = new Array(n);
  const handles: string[] = new Array(n);
  const createdMs = new Float64Array(n);
  const taken = new Set<string>(RESERVED_HANDLES);

  const insertActor = ctx.db.prepare(
    `INSERT INTO actors (id, handle, domain, uri, inbox_url, shared_inbox_url, public_key_pem, display_name,
       bio, avatar_key, location, headline, public_headline, organisation, role, interests, skills, links,
       field_visibility, created_at, updated_at)
     VALUES (?, ?, NULL, ?, ?, ?, NULL, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAccount = ctx.db.prepare(
    `INSERT INTO accounts (actor_id, email, password_hash, role, locale, time_zone, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  const uniqueHandle = (first: string, last: string): string => {
    const f = asciiHandlePart(first) || "user";
    const l = asciiHandlePart(last) || "liens";
    const candidates = [`${f}_${l}`, `${f}${l}`, `${f[0]}_${l}`, `${l}_${f}`, `${f}_${l[0]}`];
    for (const c of candidates) {
      const h = c.slice(0, 30);
      if (!taken.has(h)) return h;
    }
    const base = `${f}_${l}`.slice(0, 24);
    for (;;) {
      const h = `${base}${rng.int(100000)}`;
      if (!taken.has(h)) return h;
    }
  };

  batched(ctx.db, 20_000, (tick) => {
    for (let i = 0; i < n; i++) {
      const id = uuidv7();
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const handle = uniqueHandle(first, last);
      taken.add(handle);
      const created = EPOCH_START + ((EPOCH_END - EPOCH_START) * 0.9 * (i + rng.next())) / n;
      const updated = created + rng.next() * (EPOCH_END - created);
      ids[i] = id;
      handles[i] = handle;
      createdMs[i] = created;

      const city = rng.pick(CITIES);
      const role = rng.pick(ROLES);
      const organisation = rng.pick(ORGANISATIONS);
      const interests = rng.sample(INTERESTS, 2 + rng.int(7));
      const skills = rng.sample(SKILLS, 1 + rng.int(8));
      const values = {
        role: role.toLowerCase(),
        city,
        city2: rng.pick(CITIES),
        interest: interests[0] ?? "people",
        interest2: interests[1] ?? "books",
        skill: skills[0] ?? "listening",
        skill2: skills[1] ?? "learning",
        organisation,
        handle,
      };
      // Not everyone fills everything in: the richer the profile, the rarer.
      const hasBio = rng.chance(0.8);
      const bio = hasBio
        ? [
            rng.pick(BIO_OPENERS),
            `${fill(rng.pick(BIO_MIDDLES), values)}.`,
            fill(rng.pick(BIO_CLOSERS), values),
          ]
            .slice(0, 1 + rng.int(3))
            .join(" ")
        : "";
      const hasWork = rng.chance(0.7);
      const links: { label: string; url: string; side: string }[] = [];
      for (const site of rng.sample(LINK_SITES, rng.int(3)))
        links.push({ label: site.label, url: fill(site.url, values), side: "personal" });
      if (hasWork)
        for (const site of rng.sample(PRO_LINK_SITES, rng.int(3)))
          links.push({ label: site.label, url: fill(site.url, values), side: "professional" });
      // About a third restrict something beyond the defaults (location is "connections" by default).
      const visibility: Record<string, string> = {};
      if (rng.chance(0.35)) {
        for (const field of [
          "bio",
          "location",
          "interests",
          "personalLinks",
          "organisation",
          "role",
          "skills",
        ]) {
          if (rng.chance(0.3)) visibility[field] = rng.chance(0.6) ? "connections" : "private";
        }
      }
      if (rng.chance(0.15)) visibility.location = "public";

      // Drawn in the order the insert's arguments once drew them: the same seed, the same network.
      const location = rng.chance(0.75) ? city : "";
      const headline = hasWork ? fill(rng.pick(HEADLINE_TEMPLATES), values) : "";
      insertActor.run(
        id,
        handle,
        `${PUBLIC_URL}/users/${id}`,
        `${PUBLIC_URL}/users/${id}/inbox`,
        `${PUBLIC_URL}/inbox`,
        `${first} ${last}`,
        bio,
        location,
        headline,
        // What people search finds of it (migration 0032): a headline is never restricted here.
        headline,
        hasWork && rng.chance(0.8) ? organisation : "",
        hasWork ? role : "",
        JSON.stringify(rng.chance(0.85) ? interests : []),
        JSON.stringify(hasWork ? skills : []),
        JSON.stringify(links),
        JSON.stringify(visibility),
        iso(created),
        iso(updated),
      );
      const locale = rng.chance(0.6) ? null : rng.chance(0.6) ? "en" : "fr";
      insertAccount.run(
        id,
        `${handle}@example.test`,
        passwordHash,
        i === 0 ? "admin" : "member",
        locale,
        rng.chance(0.3)
          ? rng.pick(["Europe/Paris", "Europe/London", "America/Montreal", "Asia/Tokyo"])
          : null,
        iso(created),
      );
      tick();
    }
  });
  return { ids, handles, createdMs };
}

/**
 * Step 2: accepted follows by preferential attachment on a growing network (Price's model). Accounts
 * arrive in creation order; each follows k others (log-normal, mean `meanFollows`) among those already
 * there (the first 1,000 form a founding community that can follow each other): with probability
 * UNIFORM a uniformly chosen account, otherwise the followee of a uniformly chosen earlier follow, i.e.
 * an account chosen in proportion to its followers. Follower counts follow a power law with exponent
 * about 2 + UNIFORM / (1 - UNIFORM).
 */
export function generateFollows(ctx: GenContext, accounts: GeneratedAccounts): GeneratedFollows {
  const UNIFORM = 0.35;
  const FOUNDERS = 1000;
  const MAX_OUT = 5000;
  const SIGMA = 1.0;
  const BATCH = 100;
  const rng = ctx.rng.fork("follows");
  const n = accounts.ids.length;
  const founders = Math.min(n, FOUNDERS);

  const outDegree = new Int32Array(n);
  let capacity = 0;
  for (let i = 0; i < n; i++) {
    const candidates = Math.max(i, founders) - 1;
    const k = Math.min(
      MAX_OUT,
      Math.round(rng.logNormal(ctx.meanFollows, SIGMA)),
      Math.floor(candidates * 0.6),
    );
    outDegree[i] = Math.max(0, k);
    capacity += outDegree[i] as number;
  }

  const pool = new Int32Array(capacity);
  let poolLength = 0;
  const stamp = new Int32Array(n).fill(-1);
  const chosen = new Int32Array(MAX_OUT);
  const inDegree = new Int32Array(n);

  const columns = "(id, follower_id, followee_id, status, uri, created_at, accepted_at)";
  const row = "(?, ?, ?, 'accepted', NULL, ?, ?)";
  const many = ctx.db.prepare(`INSERT INTO follows ${columns} VALUES ${Array(BATCH).fill(row).join(", ")}`);
  const one = ctx.db.prepare(`INSERT INTO follows ${columns} VALUES ${row}`);
  const params: SQLInputValue[] = new Array(BATCH * 5);
  let filled = 0;
  let count = 0;
  const flush = (statement: StatementSync) => {
    statement.run(...params.slice(0, filled));
    filled = 0;
  };

  withIndexesDeferred(ctx.db, "follows", () => {
    batched(ctx.db, 500_000, (tick) => {
      for (let i = 0; i < n; i++) {
        const k = outDegree[i] as number;
        const span = Math.max(i, founders);
        let c = 0;
        for (let attempts = 0; c < k && attempts < k * 20; attempts++) {
          const j =
            poolLength > 0 && rng.next() >= UNIFORM ? (pool[rng.int(poolLength)] as number) : rng.int(span);
          if (j === i || stamp[j] === i) continue;
          stamp[j] = i;
          chosen[c++] = j;
        }
        // Ascending followee index = ascending UUIDv7: the (follower, followee) index is appended to.
        const targets = chosen.subarray(0, c).sort();
        const follower = accounts.ids[i] as string;
        const since = accounts.createdMs[i] as number;
        for (const j of targets) {
          pool[poolLength++] = j;
          inDegree[j] = (inDegree[j] as number) + 1;
          const base = Math.max(since, accounts.createdMs[j] as number);
          const at = iso(base + rng.next() * rng.next() * (EPOCH_END - base));
          params[filled++] = uuidv7();
          params[filled++] = follower;
          params[filled++] = accounts.ids[j] as string;
          params[filled++] = at;
          params[filled++] = at;
          if (filled === params.length) flush(many);
        }
        count += c;
        tick(c);
      }
      // The remainder, one row at a time.
      const rest = params.slice(0, filled);
      for (let r = 0; r < rest.length; r += 5) one.run(...rest.slice(r, r + 5));
      filled = 0;
    });
  });
  return { count, inDegree };
}

// ---------------------------------------------------------------------------------------------------
// "Making contact" steps: they read what the base steps wrote back from the database.

/** The accounts in generation order (creation time), as generateAccounts returned them. */
export function loadAccounts(db: DatabaseSync): GeneratedAccounts {
  const rows = db
    .prepare(
      `SELECT p.id, p.handle, p.created_at FROM actors p JOIN accounts a ON a.actor_id = p.id
       ORDER BY p.created_at, p.id`,
    )
    .all() as { id: string; handle: string; created_at: string }[];
  const createdMs = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    createdMs[i] = Date.parse(r.created_at);
  });
  return { ids: rows.map((r) => r.id), handles: rows.map((r) => r.handle), createdMs };
}

/** The accepted follow graph as adjacency lists by account index: who each follows, who follows each. */
export interface FollowGraph {
  outStart: Int32Array;
  out: Int32Array;
  inStart: Int32Array;
  in: Int32Array;
}

export function loadFollowGraph(db: DatabaseSync, accounts: GeneratedAccounts): FollowGraph {
  const n = accounts.ids.length;
  const index = new Map(accounts.ids.map((id, i) => [id, i]));
  const { c } = db.prepare("SELECT count(*) AS c FROM follows WHERE status = 'accepted'").get() as {
    c: number;
  };
  const from = new Int32Array(c);
  const to = new Int32Array(c);
  let m = 0;
  const rows = db
    .prepare("SELECT follower_id AS a, followee_id AS b FROM follows WHERE status = 'accepted'")
    .iterate() as Iterable<{ a: string; b: string }>;
  for (const { a, b } of rows) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) continue;
    from[m] = i;
    to[m] = j;
    m++;
  }
  const csr = (keys: Int32Array, values: Int32Array) => {
    const start = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      const k = (keys[e] as number) + 1;
      start[k] = (start[k] as number) + 1;
    }
    for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
    const fillAt = start.slice(0, n);
    const list = new Int32Array(m);
    for (let e = 0; e < m; e++) {
      const k = keys[e] as number;
      const at = fillAt[k] as number;
      fillAt[k] = at + 1;
      list[at] = values[e] as number;
    }
    return { start, list };
  };
  const outs = csr(from, to);
  const ins = csr(to, from);
  return { outStart: outs.start, out: outs.list, inStart: ins.start, in: ins.list };
}

/** Step 3: public interests and skills as profile_tags rows, as src/services/profiles/update.ts writes them. */
export function generateProfileTags(ctx: GenContext): number {
  const rows = ctx.db
    .prepare(
      `SELECT p.id, p.interests, p.skills, p.field_visibility FROM actors p
       JOIN accounts a ON a.actor_id = p.id ORDER BY p.id`,
    )
    .all() as { id: string; interests: string; skills: string; field_visibility: string }[];
  const insert = ctx.db.prepare("INSERT OR IGNORE INTO profile_tags (actor_id, tag) VALUES (?, ?)");
  let count = 0;
  for (const r of rows) {
    const visibility = JSON.parse(r.field_visibility) as Record<string, string>;
    const tags = [
      ...((visibility.interests ?? "public") === "public" ? (JSON.parse(r.interests) as string[]) : []),
      ...((visibility.skills ?? "public") === "public" ? (JSON.parse(r.skills) as string[]) : []),
    ].map((t) => t.toLowerCase());
    for (const tag of new Set(tags)) count += Number(insert.run(r.id, tag).changes);
  }
  return count;
}

export interface GeneratedConnections {
  /** Connected account indexes by account index. */
  adjacency: number[][];
  count: number;
  degree: Int32Array;
}

/**
 * Step 4: connections, drawn from the follow graph. Each account gets a target (log-normal, median
 * about 20, between 2 and 150), the larger targets going to the more active accounts (follows in and
 * out, with noise); accounts then connect, in random order, with people they follow both ways first,
 * then one way, while both sides have room. The viewer gets exactly VIEWER_CONNECTIONS: all their
 * follow neighbours, then people their follow neighbours follow. Two rows per connection.
 */
export function generateConnections(
  ctx: GenContext,
  accounts: GeneratedAccounts,
  graph: FollowGraph,
  viewer: number,
): GeneratedConnections {
  const rng = ctx.rng.fork("connections");
  const n = accounts.ids.length;
  const MIN = 2;
  const MAX = 150;
  const targets = new Float64Array(n);
  for (let i = 0; i < n; i++) targets[i] = Math.min(MAX, Math.max(MIN, Math.round(rng.logNormal(30, 0.9))));
  targets.sort().reverse();
  const activity = Array.from({ length: n }, (_, i) => ({
    i,
    score:
      ((graph.outStart[i + 1] as number) -
        (graph.outStart[i] as number) +
        (graph.inStart[i + 1] as number) -
        (graph.inStart[i] as number) +
        1) *
      rng.logNormal(1, 0.6),
  })).sort((a, b) => b.score - a.score);
  const room = new Int32Array(n);
  activity.forEach(({ i }, rank) => {
    room[i] = targets[rank] as number;
  });

  const adjacency: number[][] = Array.from({ length: n }, () => []);
  const linked = new Set<number>();
  const key = (i: number, j: number) => (i < j ? i * n + j : j * n + i);
  let count = 0;
  const connect = (i: number, j: number) => {
    linked.add(key(i, j));
    adjacency[i]?.push(j);
    adjacency[j]?.push(i);
    room[i] = (room[i] as number) - 1;
    room[j] = (room[j] as number) - 1;
    count++;
  };
  const stamp = new Int32Array(n).fill(-1);
  /** Follow neighbours of i: mutual follows first, then one-way, each group shuffled. */
  const neighbours = (i: number): number[] => {
    for (let e = graph.outStart[i] as number; e < (graph.outStart[i + 1] as number); e++)
      stamp[graph.out[e] as number] = i;
    const mutual: number[] = [];
    const oneWay: number[] = [];
    for (let e = graph.inStart[i] as number; e < (graph.inStart[i + 1] as number); e++) {
      const j = graph.in[e] as number;
      if (stamp[j] === i) {
        mutual.push(j);
        stamp[j] = -2 - i; // seen as mutual
      } else oneWay.push(j);
    }
    for (let e = graph.outStart[i] as number; e < (graph.outStart[i + 1] as number); e++) {
      const j = graph.out[e] as number;
      if (stamp[j] === i) oneWay.push(j);
    }
    return [...rng.sample(mutual, mutual.length), ...rng.sample(oneWay, oneWay.length)];
  };

  // The viewer first, regardless of the other side's room.
  room[viewer] = VIEWER_CONNECTIONS;
  const first = neighbours(viewer);
  for (const j of first) {
    if (room[viewer] === 0) break;
    if (j !== viewer && !linked.has(key(viewer, j))) connect(viewer, j);
  }
  for (let pass = 0; (room[viewer] as number) > 0 && pass < 50; pass++) {
    // People the viewer's follow neighbours follow (friends of friends), then anyone.
    const via = first.length > 0 ? (rng.pick(first) as number) : rng.int(n);
    for (const j of neighbours(via).slice(0, 20)) {
      if (room[viewer] === 0) break;
      if (j !== viewer && !linked.has(key(viewer, j))) connect(viewer, j);
    }
  }
  while ((room[viewer] as number) > 0) {
    const j = rng.int(n);
    if (j !== viewer && !linked.has(key(viewer, j))) connect(viewer, j);
  }

  const order = rng.sample(
    Array.from({ length: n }, (_, i) => i),
    n,
  );
  for (const i of order) {
    if (i === viewer || (room[i] as number) <= 0) continue;
    for (const j of neighbours(i)) {
      if ((room[i] as number) <= 0) break;
      if (j === viewer || (room[j] as number) <= 0 || linked.has(key(i, j))) continue;
      connect(i, j);
    }
  }

  // Insert by owner in index (= UUIDv7 id) order, others ascending: appends to the primary key.
  const BATCH = 200;
  const row = "(?, ?, ?)";
  const many = ctx.db.prepare(
    `INSERT INTO connections (owner_id, other_id, created_at) VALUES ${Array(BATCH).fill(row).join(", ")}`,
  );
  const one = ctx.db.prepare(`INSERT INTO connections (owner_id, other_id, created_at) VALUES ${row}`);
  const since = new Map<number, string>();
  const params: SQLInputValue[] = [];
  const degree = new Int32Array(n);
  withIndexesDeferred(ctx.db, "connections", () => {
    for (let i = 0; i < n; i++) {
      const others = (adjacency[i] as number[]).sort((a, b) => a - b);
      degree[i] = others.length;
      for (const j of others) {
        const k = key(i, j);
        let at = since.get(k);
        if (at === undefined) {
          const base = Math.max(accounts.createdMs[i] as number, accounts.createdMs[j] as number);
          at = iso(base + rng.next() * rng.next() * (EPOCH_END - base));
          since.set(k, at);
        } else since.delete(k);
        params.push(accounts.ids[i] as string, accounts.ids[j] as string, at);
        if (params.length === BATCH * 3) {
          many.run(...params);
          params.length = 0;
        }
      }
    }
    for (let r = 0; r < params.length; r += 3) one.run(...params.slice(r, r + 3));
  });
  return { adjacency, count, degree };
}

export interface GeneratedConversations {
  conversations: number;
  messages: number;
  biggest: { id: string; messages: number; withHandle: string };
}

/**
 * Step 5: the viewer's 1:1 conversations with VIEWER_CONVERSATIONS of their connections, 50 to 300
 * messages each (most near 50), the most recent one with BIGGEST_CONVERSATION_MESSAGES. Message ids
 * are UUIDv7 built from each message's own time, so they sort by time. About one conversation in
 * seven has a few unread messages for the viewer (never the biggest: reading it writes nothing).
 */
export function generateConversations(
  ctx: GenContext,
  accounts: GeneratedAccounts,
  connections: GeneratedConnections,
  viewer: number,
): GeneratedConversations {
  const rng = ctx.rng.fork("conversations");
  const me = accounts.ids[viewer] as string;
  const pool = connections.adjacency[viewer] ?? [];
  const partners = rng.sample(pool, VIEWER_CONVERSATIONS);
  const insertConversation = ctx.db.prepare(
    `INSERT INTO conversations (id, kind, title, direct_key, created_by, created_at, last_message_at)
     VALUES (?, 'direct', '', ?, ?, ?, ?)`,
  );
  const insertMember = ctx.db.prepare(
    `INSERT INTO conversation_members
       (conversation_id, account_id, state, last_message_at, last_read_at, unread_count, joined_at)
     VALUES (?, ?, 'active', ?, ?, ?, ?)`,
  );
  const insertMessage = ctx.db.prepare(
    "INSERT INTO messages (id, conversation_id, sender_id, body, created_at) VALUES (?, ?, ?, ?, ?)",
  );
  const body = () => {
    const values = { city: rng.pick(CITIES), interest: rng.pick(INTERESTS) };
    return Array.from({ length: 1 + Math.floor(rng.next() * rng.next() * 3) }, () =>
      fill(rng.pick(MESSAGE_LINES), values),
    ).join(" ");
  };
  let messages = 0;
  let biggest = { id: "", messages: 0, withHandle: "" };
  partners.forEach((partner, k) => {
    const other = accounts.ids[partner] as string;
    const isBiggest = k === 0;
    const count = isBiggest ? BIGGEST_CONVERSATION_MESSAGES : 50 + Math.floor(251 * rng.next() ** 2);
    // Newest message first, going back in time by gaps of a minute to two days.
    const last = isBiggest ? EPOCH_END - 60_000 : EPOCH_END - Math.floor(rng.next() * 200 * 86_400_000);
    const times: number[] = [last];
    for (let m = 1; m < count; m++) {
      const gap = 60_000 + Math.floor(rng.next() ** 3 * 2 * 86_400_000);
      times.push((times[m - 1] as number) - gap);
    }
    times.reverse();
    const senders = [];
    let sender = rng.chance(0.5);
    for (let m = 0; m < count; m++) {
      if (rng.chance(0.45)) sender = !sender;
      senders.push(sender ? me : other);
    }
    const id = uuidv7({ msecs: times[0] as number });
    const createdAt = iso(times[0] as number);
    const lastAt = iso(last);
    insertConversation.run(
      id,
      me < other ? `${me}:${other}` : `${other}:${me}`,
      senders[0] as string,
      createdAt,
      lastAt,
    );
    // Unread: the trailing run of the partner's messages, in some conversations.
    let unread = 0;
    if (!isBiggest && rng.chance(0.15))
      while (unread < count && senders[count - 1 - unread] === other && unread < 9) unread++;
    const readAt = iso(times[count - 1 - unread] as number);
    insertMember.run(id, me, lastAt, readAt, unread, createdAt);
    insertMember.run(id, other, lastAt, lastAt, 0, createdAt);
    for (let m = 0; m < count; m++) {
      const at = times[m] as number;
      insertMessage.run(uuidv7({ msecs: at }), id, senders[m] as string, body(), iso(at));
    }
    messages += count;
    if (isBiggest) biggest = { id, messages: count, withHandle: accounts.handles[partner] as string };
  });
  return { conversations: partners.length, messages, biggest };
}

/** Distinct people two connection hops from `i`, not `i` and not one of its connections. */
function friendsOfFriends(connections: GeneratedConnections, i: number): number {
  const direct = new Set(connections.adjacency[i]);
  const seen = new Set<number>();
  for (const j of direct)
    for (const k of connections.adjacency[j] ?? []) if (k !== i && !direct.has(k)) seen.add(k);
  return seen.size;
}

/**
 * Runs the "making contact" steps on a population whose base steps are done (a fresh one, or a cached
 * one from before them): the app's pending migrations, then one transaction that clears and refills
 * profile_tags, connections, conversations, conversation_members and messages.
 */
async function extendPopulation(
  path: string,
  info: Pick<PopulationInfo, "seed" | "viewer">,
  log: (line: string) => void,
): Promise<ContactInfo> {
  const stepSeconds: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await fn();
    stepSeconds[name] = Math.round((performance.now() - start) / 10) / 100;
    log(`  ${name}: ${stepSeconds[name]} s`);
    return result;
  };
  await timed("migrate-contact", async () => {
    const database = await openDatabase({ databaseUrl: `sqlite:${path}`, dataDir: dirname(path) });
    await migrate(database.db);
    await database.destroy();
  });
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000;
    PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF;`);
  try {
    const accounts = await timed("load", () => loadAccounts(db));
    const ctx: GenContext = {
      db,
      rng: new Rng(info.seed),
      accounts: accounts.ids.length,
      meanFollows: 0,
      log,
    };
    const viewer = accounts.ids.indexOf(info.viewer.id);
    if (viewer < 0) throw new Error(`The viewer ${info.viewer.id} is not in ${path}`);
    const graph = await timed("follow-graph", () => loadFollowGraph(db, accounts));
    db.exec("BEGIN");
    let result: ContactInfo;
    try {
      for (const table of [
        "messages",
        "conversation_members",
        "conversations",
        "connections",
        "profile_tags",
      ])
        db.exec(`DELETE FROM ${table}`);
      const profileTags = await timed("profile-tags", () => generateProfileTags(ctx));
      const connections = await timed("connections", () => generateConnections(ctx, accounts, graph, viewer));
      const conversations = await timed("conversations", () =>
        generateConversations(ctx, accounts, connections, viewer),
      );
      const sorted = connections.degree.slice().sort();
      result = {
        version: CONTACT_VERSION,
        generatedAt: new Date().toISOString(),
        stepSeconds,
        profileTags,
        connections: connections.count,
        perAccount: {
          p50: percentile(sorted, 50),
          p90: percentile(sorted, 90),
          p99: percentile(sorted, 99),
          max: sorted[sorted.length - 1] ?? 0,
          mean: Math.round(((2 * connections.count) / accounts.ids.length) * 10) / 10,
        },
        viewerConnections: connections.degree[viewer] as number,
        viewerFriendsOfFriends: friendsOfFriends(connections, viewer),
        conversations: conversations.conversations,
        messages: conversations.messages,
        biggestConversation: conversations.biggest,
      };
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    log(
      `  contact: ${result.connections} connections (per account p50 ${result.perAccount.p50}, p90 ${result.perAccount.p90}, max ${result.perAccount.max}); ` +
        `viewer ${result.viewerConnections} connections, ${result.viewerFriendsOfFriends} friends of friends, ` +
        `${result.conversations} conversations, ${result.messages} messages`,
    );
    return result;
  } finally {
    db.close();
  }
}

function percentile(sorted: Int32Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function buildPopulation(path: string, options: Required<Omit<PopulationOptions, "force">>) {
  const { log } = options;
  const stepSeconds: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await fn();
    stepSeconds[name] = Math.round((performance.now() - start) / 10) / 100;
    log(`  ${name}: ${stepSeconds[name]} s`);
    return result;
  };

  // The real schema, through the app's own code.
  await timed("migrate", async () => {
    const database = await openDatabase({ databaseUrl: `sqlite:${path}`, dataDir: dirname(path) });
    await migrate(database.db);
    await database.destroy();
  });

  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = DELETE; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;
    PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF;`);
  const ctx: GenContext = {
    db,
    rng: new Rng(options.seed),
    accounts: options.accounts,
    meanFollows: options.meanFollows,
    log,
  };
  try {
    const accounts = await timed("accounts", () => generateAccounts(ctx));
    const follows = await timed("follows", () => generateFollows(ctx, accounts));
    // Later steps (posts, events, facts…) go here, each with its own ctx.rng.fork(name).

    let top = 0;
    for (let i = 1; i < follows.inDegree.length; i++)
      if ((follows.inDegree[i] as number) > (follows.inDegree[top] as number)) top = i;
    const sorted = follows.inDegree.slice().sort();
    const followers = {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? 0,
      mean: Math.round((follows.count / accounts.ids.length) * 10) / 10,
    };
    const popularId = accounts.ids[top] as string;
    const pick = ctx.rng.fork("viewer");
    const viewerRow = db
      .prepare(
        `SELECT a.id, a.handle FROM follows f JOIN actors a ON a.id = f.follower_id
         WHERE f.followee_id = ? ORDER BY f.follower_id LIMIT 1 OFFSET ?`,
      )
      .get(popularId, pick.int(Math.max(1, follows.inDegree[top] as number))) as
      | { id: string; handle: string }
      | undefined;
    const viewer = viewerRow ?? { id: accounts.ids[1] as string, handle: accounts.handles[1] as string };
    db.exec("PRAGMA journal_mode = WAL; PRAGMA locking_mode = NORMAL;");
    return {
      stepSeconds,
      follows: follows.count,
      popular: {
        handle: accounts.handles[top] as string,
        id: popularId,
        followers: follows.inDegree[top] as number,
      },
      followers,
      viewer: { handle: viewer.handle, id: viewer.id },
    };
  } finally {
    db.close();
  }
}

/** The cached population for (seed, accounts), generated first if needed. */
export async function ensurePopulation(options: PopulationOptions): Promise<Population> {
  if (!("postsAdded" in options))
    return ensurePosts(await ensurePopulation({ ...options, postsAdded: true } as PopulationOptions)); // issue 4: bench/generate-posts.ts
  const log = options.log ?? ((line: string) => console.log(line));
  const path = populationPath(options.seed, options.accounts);
  const existing = options.force ? null : readMarker(path);
  if (existing && existing.contact?.version === CONTACT_VERSION) {
    log(`Population: reusing ${path} (generated in ${existing.generationSeconds} s)`);
    return { path, info: existing, cached: true };
  }
  if (existing) {
    log(`Population: reusing ${path}, adding connections and conversations (in place)`);
    // Without the marker while the database changes: an interrupted extension is redone, not trusted.
    rmSync(markerPath(path), { force: true });
    const contact = await extendPopulation(path, existing, log);
    const { size } = await import("node:fs").then((fs) => fs.statSync(path));
    const info: PopulationInfo = { ...existing, bytes: size, contact };
    writeFileSync(markerPath(path), `${JSON.stringify(info, null, 2)}\n`);
    return { path, info, cached: true };
  }
  mkdirSync(DATA_DIR, { recursive: true });
  removeDb(path);
  const tmp = `${path}.tmp`;
  removeDb(tmp);
  log(`Population: generating ${options.accounts} accounts (seed ${options.seed}) into ${path}`);
  const start = performance.now();
  const built = await buildPopulation(tmp, {
    seed: options.seed,
    accounts: options.accounts,
    meanFollows: options.meanFollows ?? 150,
    log,
  });
  const contact = await extendPopulation(tmp, { seed: options.seed, viewer: built.viewer }, log);
  for (const suffix of ["-wal", "-shm"]) rmSync(tmp + suffix, { force: true });
  renameSync(tmp, path);
  const { size } = await import("node:fs").then((fs) => fs.statSync(path));
  const info: PopulationInfo = {
    version: GENERATOR_VERSION,
    seed: options.seed,
    accounts: options.accounts,
    generatedAt: new Date().toISOString(),
    generationSeconds: Math.round((performance.now() - start) / 100) / 10,
    bytes: size,
    password: BENCH_PASSWORD,
    ...built,
    contact,
  };
  writeFileSync(markerPath(path), `${JSON.stringify(info, null, 2)}\n`);
  log(
    `Population: ${info.accounts} accounts, ${info.follows} follows in ${info.generationSeconds} s ` +
      `(${(size / 2 ** 20).toFixed(0)} MiB); most followed @${info.popular.handle} (${info.popular.followers})`,
  );
  return { path, info, cached: false };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      accounts: { type: "string", default: "100000" },
      seed: { type: "string", default: "42" },
      force: { type: "boolean", default: false },
    },
  });
  const population = await ensurePopulation({
    seed: Number(values.seed),
    accounts: Number(values.accounts),
    force: values.force,
  });
  console.log(JSON.stringify(population.info, null, 2));
}
