/**
 * Posts for the benchmark population (issue 4): about 50 posts per account (≥ 5M for 100k accounts,
 * 500k with --quick's 10k), spread over each account's life and sorted by time (UUIDv7 ids from their
 * own time), with realistic visibilities (public 60 %, followers 25 %, connections 12 %, mentioned 3 %),
 * replies (30 %, to recent public posts), @mentions of people followed, #hashtags, reactions from
 * followers, boosts; one "poster" account followed by 10,000 people (the posting budget), and the home
 * timelines of the active people (the poster's followers and 10 % of the rest), rebuilt by the app's
 * own code. Bulk inserts through raw node:sqlite, one transaction per chunk, indexes and full-text
 * triggers deferred. Cached in place like the contact steps: `posts.version` in the marker.
 *
 *   npx tsx bench/generate-posts.ts [--accounts 10000] [--seed 42]   (also run by ensurePopulation)
 */
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { v7 as uuidv7 } from "uuid";
import { migrate, openDatabase } from "../src/db/index.ts";
import { normalizeTag, parsePostText } from "../src/domain/posts/text.ts";
import { rebuildHomeTimeline } from "../src/services/timelines/rebuild.ts";
import { CITIES, INTERESTS, SKILLS } from "./corpus.ts";
import { ensurePopulation, loadAccounts, loadFollowGraph, type Population } from "./generate.ts";
import { Rng } from "./prng.ts";

/** Bump when what this step writes changes: cached populations are extended again. */
export const POSTS_VERSION = 1;
export const MEAN_POSTS = 50;
/** Followers of the poster account (the "posting as an account with 10,000 followers" budget). */
export const POSTER_FOLLOWERS = 10_000;
/** Share of the other accounts that read their timeline lately (the fan-out reaches them). */
const ACTIVE_SHARE = 0.1;
const EPOCH_END = Date.UTC(2025, 9, 1);
const CHUNK = 50_000;
/** A rare-enough word put into some posts: the search benchmark looks for it. */
export const SEARCH_WORD = "lighthouse";

export interface PostsInfo {
  version: number;
  generatedAt: string;
  stepSeconds: Record<string, number>;
  posts: number;
  replies: number;
  byVisibility: Record<string, number>;
  mentions: number;
  hashtags: number;
  reactions: number;
  boosts: number;
  poster: { id: string; handle: string; followers: number };
  activeAccounts: number;
  timelineRows: number;
  searchWord: string;
  searchHits: number;
}

const OPENERS = [
  "Just back from {city}.",
  "Thinking about {interest} again today.",
  "Has anyone tried {interest} in {city}?",
  "Small win this week: finally got better at {skill}.",
  "Reading a lot about {interest} lately.",
  "Looking for people in {city} who like {interest}.",
  "Quick question about {skill}:",
  "A good day for {interest}.",
  "Lovely meetup yesterday in {city}, thanks everyone.",
  "New post on my blog about {skill}.",
];
const MIDDLES = [
  "It took longer than I thought, but it was worth it.",
  "The people were wonderful, as always.",
  "I would love to hear how you approach it.",
  "Still learning, still enjoying it.",
  "Next time I will bring a friend.",
  "The weather did not help, but we had fun.",
  "Some things only make sense once you try them.",
  "Recommendations welcome!",
  "The old {city} lighthouse was the best part.",
];
const REPLIES = [
  "So true!",
  "Congratulations!",
  "I had the same experience in {city}.",
  "Thanks for sharing this.",
  "Count me in next time.",
  "Interesting — tell me more.",
  "Ha, I know that feeling.",
];

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");

function timed(stepSeconds: Record<string, number>, log: (line: string) => void) {
  return async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await fn();
    stepSeconds[name] = Math.round((performance.now() - start) / 10) / 100;
    log(`  ${name}: ${stepSeconds[name]} s`);
    return result;
  };
}

/** Drops triggers and explicit indexes of `tables` during `fn`, then recreates them from their SQL. */
function deferred(db: DatabaseSync, tables: string[], fn: () => void): void {
  const marks = tables.map(() => "?").join(", ");
  const objects = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN (${marks}) AND sql IS NOT NULL`,
    )
    .all(...tables) as { type: string; name: string; sql: string }[];
  for (const o of objects) db.exec(`DROP ${o.type.toUpperCase()} "${o.name}"`);
  try {
    fn();
  } finally {
    for (const o of objects) db.exec(o.sql);
  }
}

/** Multi-row INSERT of `columns`, `rows` at a time, with a flush for the rest. */
function bulk(db: DatabaseSync, table: string, columns: string[], rows = 200) {
  const row = `(${columns.map(() => "?").join(", ")})`;
  const head = `INSERT INTO ${table} (${columns.join(", ")}) VALUES `;
  const many = db.prepare(head + Array(rows).fill(row).join(", "));
  const one = db.prepare(head + row);
  const params: SQLInputValue[] = [];
  let count = 0;
  return {
    add(...values: SQLInputValue[]) {
      params.push(...values);
      count++;
      if (params.length === rows * columns.length) {
        many.run(...params);
        params.length = 0;
      }
    },
    flush() {
      for (let i = 0; i < params.length; i += columns.length) one.run(...params.slice(i, i + columns.length));
      params.length = 0;
    },
    get count() {
      return count;
    },
  };
}

/** Runs the posts step on a population whose contact steps are done; returns what it wrote. */
export async function generatePosts(
  path: string,
  seed: number,
  viewerId: string,
  log: (line: string) => void,
): Promise<PostsInfo> {
  const stepSeconds: Record<string, number> = {};
  const step = timed(stepSeconds, log);
  await step("migrate-posts", async () => {
    const database = await openDatabase({ databaseUrl: `sqlite:${path}`, dataDir: dirname(path) });
    await migrate(database.db);
    await database.destroy();
  });
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000;
    PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF;`);
  const rng = new Rng(seed).fork("posts");
  const accounts = await step("load", () => loadAccounts(db));
  const n = accounts.ids.length;
  const viewer = accounts.ids.indexOf(viewerId);

  // The poster: an account (not the viewer) that 10,000 people (or everyone, in a smaller network) follow.
  const poster = viewer === 1 ? 2 : 1;
  const posterId = accounts.ids[poster] as string;
  const posterFollowers = await step("poster-follows", () => {
    db.exec("BEGIN");
    db.prepare("DELETE FROM follows WHERE followee_id = ?").run(posterId);
    const insert = db.prepare(
      `INSERT INTO follows (id, follower_id, followee_id, status, uri, created_at, accepted_at)
       VALUES (?, ?, ?, 'accepted', NULL, ?, ?)`,
    );
    const others = accounts.ids.filter((_, i) => i !== poster);
    const followers = rng.sample(others, Math.min(POSTER_FOLLOWERS, others.length));
    const at = new Date(EPOCH_END - 86_400_000).toISOString();
    for (const id of followers) insert.run(uuidv7(), id, posterId, at, at);
    db.exec("COMMIT");
    return followers;
  });
  const graph = await step("follow-graph", () => loadFollowGraph(db, accounts));

  // Every post's author and time, then sorted by time: ids, replies and boosts follow the clock.
  const perAccount = new Int32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    perAccount[i] = Math.min(2000, Math.max(1, Math.round(rng.logNormal(MEAN_POSTS, 1.0))));
    total += perAccount[i] as number;
  }
  const author = new Int32Array(total);
  const time = new Float64Array(total);
  {
    let k = 0;
    for (let i = 0; i < n; i++) {
      const from = accounts.createdMs[i] as number;
      for (let p = 0; p < (perAccount[i] as number); p++) {
        author[k] = i;
        // More posts lately: a square root skews times toward the end.
        time[k] = from + (EPOCH_END - from) * Math.sqrt(rng.next());
        k++;
      }
    }
  }
  const order = new Uint32Array(total);
  for (let k = 0; k < total; k++) order[k] = k;
  order.sort((a, b) => (time[a] as number) - (time[b] as number));

  const tags = [...INTERESTS, ...SKILLS]
    .map((t) => normalizeTag(t.replace(/[^\p{L}\p{N}]+/gu, "")))
    .filter(Boolean);
  const visibilities = ["public", "followers", "connections", "mentioned"] as const;
  const byVisibility: Record<string, number> = { public: 0, followers: 0, connections: 0, mentioned: 0 };
  let replies = 0;
  let mentions = 0;
  let hashtags = 0;
  let reactions = 0;
  let boosts = 0;
  let searchHits = 0;

  await step("posts", () => {
    deferred(db, ["posts", "post_mentions", "post_hashtags", "reactions", "boosts"], () => {
      for (const table of [
        "boosts",
        "reactions",
        "post_hashtags",
        "post_mentions",
        "home_timeline",
        "home_timeline_state",
        "posts",
      ])
        db.exec(`DELETE FROM ${table}`);
      const posts = bulk(
        db,
        "posts",
        [
          "id",
          "author_id",
          "audience_id",
          "body",
          "body_ast",
          "visibility",
          "root_id",
          "parent_id",
          "reply_count",
          "reaction_count",
          "boost_count",
          "created_at",
          "updated_at",
        ],
        100,
      );
      const mentionRows = bulk(db, "post_mentions", ["post_id", "actor_id"]);
      const tagRows = bulk(db, "post_hashtags", ["post_id", "tag", "created_at"]);
      const reactionRows = bulk(db, "reactions", ["post_id", "actor_id", "emoji", "created_at"]);
      const boostRows = bulk(db, "boosts", ["id", "post_id", "actor_id", "created_at"]);
      const emojis = ["like", "like", "like", "love", "laugh", "celebrate", "wow", "sad"];
      // Recent public thread roots (replies answer them): a ring buffer of post index → id, author.
      const RECENT = 4096;
      const recentId: string[] = new Array(RECENT);
      const recentAuthor = new Int32Array(RECENT);
      const recentRoot: string[] = new Array(RECENT);
      let recentCount = 0;
      const replyCount = new Map<string, number>();
      db.exec("BEGIN");
      for (let k = 0; k < total; k++) {
        const p = order[k] as number;
        const a = author[p] as number;
        const at = time[p] as number;
        const id = uuidv7({ msecs: Math.floor(at) });
        const iso = new Date(at).toISOString();
        const followees = graph.out.subarray(graph.outStart[a], graph.outStart[a + 1]);
        const values = {
          city: rng.pick(CITIES),
          interest: rng.pick(INTERESTS),
          skill: rng.pick(SKILLS),
        };
        const isReply = recentCount > 0 && rng.chance(0.3);
        let parentId: string | null = null;
        let rootId: string | null = null;
        let audience = a;
        let text: string;
        if (isReply) {
          const r = rng.int(Math.min(recentCount, RECENT));
          parentId = recentId[r] as string;
          rootId = recentRoot[r] as string;
          audience = recentAuthor[r] as number;
          text = fill(rng.pick(REPLIES), values);
          replyCount.set(parentId, (replyCount.get(parentId) ?? 0) + 1);
          replies++;
        } else {
          text = [fill(rng.pick(OPENERS), values), fill(rng.pick(MIDDLES), values)].join(" ");
        }
        const roll = rng.next();
        const visibility = isReply
          ? "public"
          : visibilities[roll < 0.6 ? 0 : roll < 0.85 ? 1 : roll < 0.97 ? 2 : 3];
        const mentioned: number[] = [];
        if ((visibility === "mentioned" || rng.chance(0.1)) && followees.length > 0) {
          for (let m = 0; m < 1 + rng.int(2); m++)
            mentioned.push(followees[rng.int(followees.length)] as number);
        }
        const postTags = rng.chance(0.2) ? rng.sample(tags, 1 + rng.int(2)) : [];
        if (mentioned.length > 0)
          text += ` ${[...new Set(mentioned)].map((m) => `@${accounts.handles[m]}`).join(" ")}`;
        if (postTags.length > 0) text += ` ${postTags.map((t) => `#${t}`).join(" ")}`;
        if (text.includes(SEARCH_WORD)) searchHits++;
        // Reactions from followers of the author, boosts of public roots by followers.
        const followers = graph.in.subarray(graph.inStart[a], graph.inStart[a + 1]);
        const reactors =
          followers.length > 0 ? Math.min(followers.length, Math.floor(-Math.log(1 - rng.next()) * 2)) : 0;
        const reactedBy = new Set<number>();
        for (let r = 0; r < reactors; r++) reactedBy.add(followers[rng.int(followers.length)] as number);
        const boostedBy = new Set<number>();
        if (!isReply && visibility === "public" && followers.length > 0 && rng.chance(0.03))
          for (let b = 0; b < 1 + rng.int(3); b++)
            boostedBy.add(followers[rng.int(followers.length)] as number);
        posts.add(
          id,
          accounts.ids[a] as string,
          accounts.ids[audience] as string,
          text,
          JSON.stringify(parsePostText(text)),
          visibility,
          rootId,
          parentId,
          0,
          reactedBy.size,
          boostedBy.size,
          iso,
          iso,
        );
        byVisibility[visibility] = (byVisibility[visibility] ?? 0) + 1;
        for (const m of new Set(mentioned)) {
          if (m === a) continue;
          mentionRows.add(id, accounts.ids[m] as string);
          mentions++;
        }
        for (const tag of new Set(postTags)) {
          tagRows.add(id, tag, iso);
          hashtags++;
        }
        for (const r of reactedBy) {
          reactionRows.add(id, accounts.ids[r] as string, rng.pick(emojis), iso);
          reactions++;
        }
        for (const b of boostedBy) {
          const boostAt = Math.min(EPOCH_END, at + rng.next() * 3 * 86_400_000);
          boostRows.add(
            uuidv7({ msecs: Math.floor(boostAt) }),
            id,
            accounts.ids[b] as string,
            new Date(boostAt).toISOString(),
          );
          boosts++;
        }
        if (!isReply && visibility === "public") {
          const slot = recentCount % RECENT;
          recentId[slot] = id;
          recentRoot[slot] = id;
          recentAuthor[slot] = a;
          recentCount++;
        }
        if ((k + 1) % CHUNK === 0) {
          db.exec("COMMIT; BEGIN");
          if ((k + 1) % (CHUNK * 20) === 0) log(`    ${k + 1} / ${total} posts`);
        }
      }
      for (const b of [posts, mentionRows, tagRows, reactionRows, boostRows]) b.flush();
      // Every generated reply answers a root: its direct replies are its whole thread's comments.
      const setReplies = db.prepare("UPDATE posts SET reply_count = ?, comment_count = ? WHERE id = ?");
      for (const [id, count] of replyCount) setReplies.run(count, count, id);
      db.exec("COMMIT");
    });
  });
  await step("search-index", () => {
    db.exec("INSERT INTO posts_fts(posts_fts) VALUES ('rebuild')");
    db.exec("INSERT INTO people_fts(people_fts) VALUES ('rebuild')");
  });
  // What the triggers deferred above would have kept (migration 0027): each person's newest root and boost.
  await step("activity", () => {
    db.exec(`DELETE FROM actor_activity;
      INSERT INTO actor_activity (actor_id, newest_root_id)
        SELECT author_id, max(id) FROM posts WHERE parent_id IS NULL GROUP BY author_id;
      INSERT INTO actor_activity (actor_id, newest_boost_id) SELECT actor_id, max(id) FROM boosts WHERE true GROUP BY actor_id
        ON CONFLICT (actor_id) DO UPDATE SET newest_boost_id = excluded.newest_boost_id;`);
  });
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  db.close();

  // Home timelines of the active people, rebuilt by the app's own code (what a returning reader gets).
  const active = new Set<string>([viewerId, posterId, ...posterFollowers]);
  for (const id of accounts.ids) if (rng.chance(ACTIVE_SHARE)) active.add(id);
  const timelineRows = await step("timelines", async () => {
    const database = await openDatabase({ databaseUrl: `sqlite:${path}`, dataDir: dirname(path) });
    const deps = { db: database.db, clock: { now: () => new Date() } };
    let done = 0;
    let rows = 0;
    for (const id of active) {
      rows += (await rebuildHomeTimeline(deps, id)).length;
      if (++done % 5000 === 0) log(`    ${done} / ${active.size} timelines`);
    }
    await database.destroy();
    return rows;
  });
  const fin = new DatabaseSync(path);
  fin.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  fin.close();
  return {
    version: POSTS_VERSION,
    generatedAt: new Date().toISOString(),
    stepSeconds,
    posts: total,
    replies,
    byVisibility,
    mentions,
    hashtags,
    reactions,
    boosts,
    poster: { id: posterId, handle: accounts.handles[poster] as string, followers: posterFollowers.length },
    activeAccounts: active.size,
    timelineRows,
    searchWord: SEARCH_WORD,
    searchHits,
  };
}

/** The population with its posts: generated here the first time (or when POSTS_VERSION changed). */
export async function ensurePosts(
  population: Population,
  log: (line: string) => void = (line) => console.log(line),
): Promise<Population & { info: Population["info"] & { posts: PostsInfo } }> {
  const info = population.info as Population["info"] & { posts?: PostsInfo };
  if (info.posts?.version === POSTS_VERSION)
    return population as Population & { info: Population["info"] & { posts: PostsInfo } };
  log(`Population: adding posts, reactions, boosts and timelines to ${population.path} (in place)`);
  const marker = `${population.path}.done.json`;
  const start = performance.now();
  const posts = await generatePosts(population.path, info.seed, info.viewer.id, log);
  const { size } = await import("node:fs").then((fs) => fs.statSync(population.path));
  const next = { ...info, bytes: size, posts };
  writeFileSync(marker, `${JSON.stringify(next, null, 2)}\n`);
  log(
    `Population: ${posts.posts} posts (${posts.replies} replies), ${posts.reactions} reactions, ${posts.boosts} boosts, ` +
      `${posts.timelineRows} timeline entries for ${posts.activeAccounts} active accounts in ${((performance.now() - start) / 1000).toFixed(0)} s`,
  );
  return { ...population, info: next };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      accounts: { type: "string", default: "10000" },
      seed: { type: "string", default: "42" },
    },
  });
  const population = await ensurePopulation({ seed: Number(values.seed), accounts: Number(values.accounts) });
  console.log(JSON.stringify((population.info as { posts?: PostsInfo }).posts, null, 2));
}
