import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { after, before, describe, it } from "node:test";
import { type Kysely, sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { migrate } from "../../src/db/index.ts";
import type { Database } from "../../src/db/schema.ts";
import { pgPeopleDocument, pgSearchDocument } from "../../src/db/search-index.ts";
import { foldAccents } from "../../src/domain/text/fold.ts";
import { testEngine } from "../helpers/context.ts";
import {
  insertBareActor,
  insertBarePost,
  type ScratchDatabase,
  scratchDatabase,
} from "../helpers/migrations.ts";

/** Every Latin letter with a precomposed form in Latin-1, Latin Extended-A and -B, and Latin Extended Additional. */
function latinLetters(): string[] {
  const letters: string[] = [];
  for (const [from, to] of [
    [0xc0, 0x24f],
    [0x1e00, 0x1eff],
  ] as const)
    for (let c = from; c <= to; c++) {
      const letter = String.fromCodePoint(c);
      if (/\p{L}/u.test(letter)) letters.push(letter);
    }
  return letters;
}

/** Migration 0031: hashtags keyed without accents; PostgreSQL's search indexes over the folded text. */
describe(`hashtags and search without accents: migration 0031 (${testEngine})`, () => {
  let scratch: ScratchDatabase;
  let db: Kysely<Database>;

  before(async () => {
    scratch = await scratchDatabase("folded-tags");
    db = scratch.db;
  });
  after(() => scratch.close());

  it("re-keys every stored hashtag, a post with several forms keeping one row, none lost", async () => {
    assert.equal((await scratch.migrator.migrateTo("0029_pending_media")).error, undefined);
    const author = await insertBareActor(db, "writer");
    const at = (n: number) => `2026-01-0${n}T10:00:00.000Z`;
    const posts: string[] = [];
    for (let n = 1; n <= 5; n++) posts.push(await insertBarePost(db, author, uuidv7(), at(n)));
    const [both, accented, fullwidth, summer, other] = posts as [string, string, string, string, string];
    // Keys as the old rule wrote them: lower-cased NFC, accents and compatibility forms kept.
    const stored: [string, string, number][] = [
      [both, "café", 1],
      [both, "cafe", 1],
      [accented, "café", 2],
      [fullwidth, "ｃａｆé", 3],
      [summer, "été", 4],
      [summer, "lyon", 4],
      [other, "日本", 5],
    ];
    await db
      .insertInto("post_hashtags")
      .values(stored.map(([post_id, tag, n]) => ({ post_id, tag, created_at: at(n) })))
      .execute();

    assert.ok((await migrate(db)).includes("0031_folded_tags_and_search"));
    const rows = await db
      .selectFrom("post_hashtags")
      .select(["post_id", "tag", "created_at"])
      .orderBy("post_id")
      .orderBy("tag")
      .execute();
    assert.deepEqual(
      rows.map((r) => ({ ...r })),
      [
        { post_id: both, tag: "cafe", created_at: at(1) },
        { post_id: accented, tag: "cafe", created_at: at(2) },
        { post_id: fullwidth, tag: "cafe", created_at: at(3) },
        { post_id: summer, tag: "ete", created_at: at(4) },
        { post_id: summer, tag: "lyon", created_at: at(4) },
        { post_id: other, tag: "日本", created_at: at(5) },
      ],
    );
  });

  it("builds PostgreSQL's search indexes over the expression the queries use", async () => {
    if (testEngine !== "postgres") return;
    // The planner takes an index only for the very expression it was built on.
    const plan = await db.transaction().execute(async (tx) => {
      await sql`set local enable_seqscan = off`.execute(tx);
      const posts = await sql<{ "QUERY PLAN": string }>`explain select id from posts p
        where ${pgSearchDocument(sql.ref("p.body"))} @@ to_tsquery('simple', 'cafe')`.execute(tx);
      const people = await sql<{ "QUERY PLAN": string }>`explain select id from actors a
        where ${pgPeopleDocument} @@ to_tsquery('simple', 'cafe:*')`.execute(tx);
      return [...posts.rows, ...people.rows].map((r) => r["QUERY PLAN"]).join("\n");
    });
    assert.match(plan, /Bitmap Index Scan on posts_search/);
    assert.match(plan, /Bitmap Index Scan on actors_search/);
  });
});

describe(`the engine folds the words it indexes as a query is folded (${testEngine})`, () => {
  let scratch: ScratchDatabase;

  before(async () => {
    scratch = await scratchDatabase("search-fold");
  });
  after(() => scratch.close());

  it("indexes every accented Latin letter as foldAccents writes it", async () => {
    // Words of one letter between two x's, upper and lower case, and the decomposed forms.
    const letters = latinLetters();
    const words = letters.flatMap((l) => [`x${l}x`, `x${l.normalize("NFD")}x`]);
    const tokens = async (text: string): Promise<string[]> => {
      if (testEngine === "postgres") {
        const { rows } = await sql<{
          token: string;
        }>`select unnest(tsvector_to_array(${pgSearchDocument(sql`${text}::text`)})) as token`.execute(
          scratch.db,
        );
        return rows.map((r) => r.token).sort();
      }
      // The tokenizer of posts_fts and people_fts (migration 0009).
      const sqlite = new DatabaseSync(":memory:");
      sqlite.exec("create virtual table t using fts5(body, tokenize='unicode61 remove_diacritics 2')");
      sqlite.exec("create virtual table v using fts5vocab(t, 'row')");
      sqlite.prepare("insert into t(body) values (?)").run(text);
      const found = sqlite
        .prepare("select term from v")
        .all()
        .map((r) => String(r.term));
      sqlite.close();
      return found.sort();
    };
    const expected = [...new Set(words.map(foldAccents))].sort();
    const indexed = await tokens(words.join(" "));
    const extra = indexed.filter((t) => !expected.includes(t));
    const missing = expected.filter((t) => !indexed.includes(t));
    // SQLite's own differences, three rare letters: it keeps ǡ (a, dot, macron) whole and makes the
    // long s, "ſ" and "ẛ", an "s"; foldAccents (and so PostgreSQL) does the reverse.
    const sqlite = testEngine === "sqlite";
    assert.deepEqual(extra, sqlite ? ["xǡx"] : [], "no letter indexed otherwise than folded");
    assert.deepEqual(missing, sqlite ? ["xſx", "xẛx"] : [], "every folded letter indexed");
  });
});
