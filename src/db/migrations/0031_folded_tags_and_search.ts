import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * Hashtags and search, accents aside.
 *
 * A hashtag's key was lower-cased NFC: #café and #cafe were two tags. It is now NFKC, lower-cased,
 * without the accents of Latin letters (domain/posts/text.ts `normalizeTag`, frozen below as it was
 * written): every stored key is re-keyed, a post carrying both forms keeping one row. The posts' own
 * text is left as typed; old links (/tags/café) are folded by the hashtag page.
 *
 * PostgreSQL's search indexes are built again over the text folded the same way (SQLite's FTS5
 * tokenizer, unicode61 with remove_diacritics 2, already folds these accents): the expression is
 * db/search-index.ts `pgSearchDocument`, which the queries use.
 */
const foldAccents = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFD")
    .replace(/([a-z])[\u0300-\u036f]+/g, "$1")
    .normalize("NFC");
const tagKey = (tag: string) => foldAccents(tag.normalize("NFKC").replace(/[^\p{L}\p{M}\p{N}_]/gu, ""));

/** Distinct stored tags are read in pages of this many, in the order of their index. */
const PAGE = 1000;

async function rekeyTags(db: Kysely<unknown>): Promise<void> {
  let after = "";
  for (;;) {
    const { rows } = await sql<{ tag: string }>`select distinct tag from post_hashtags
      where tag > ${after} order by tag limit ${sql.lit(PAGE)}`.execute(db);
    for (const { tag } of rows) {
      const key = tagKey(tag);
      if (key === tag) continue;
      if (key !== "")
        await sql`insert into post_hashtags (post_id, tag, created_at)
          select h.post_id, ${key}, h.created_at from post_hashtags h
          where h.tag = ${tag} and not exists (
            select 1 from post_hashtags d where d.post_id = h.post_id and d.tag = ${key})`.execute(db);
      await sql`delete from post_hashtags where tag = ${tag}`.execute(db);
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = last.tag;
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    // SQLite migrations do not run in a transaction: the re-keying is one.
    await db.transaction().execute(rekeyTags);
    return;
  }
  // Kysely runs a PostgreSQL migration in a transaction already.
  await rekeyTags(db);
  const folded = (text: string) =>
    `to_tsvector('simple', normalize(regexp_replace(normalize(${text}, NFD), '([A-Za-z])[\\u0300-\\u036f]+', '\\1', 'g'), NFC))`;
  await sql`drop index posts_search`.execute(db);
  await sql.raw(`create index posts_search on posts using gin (${folded("body")})`).execute(db);
  await sql`drop index actors_search`.execute(db);
  await sql
    .raw(
      `create index actors_search on actors using gin (${folded("handle || ' ' || display_name || ' ' || headline")})`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
