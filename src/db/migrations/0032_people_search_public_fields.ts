import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * People search indexes only what everyone may see of a person.
 *
 * Handle and display name are always public; a headline has its own audience (the profile's
 * `field_visibility`), yet its words were indexed whatever that audience was, so a headline shown to
 * connections or to its owner alone was found by anyone. `actors.public_headline` is the headline
 * when its audience is public, else empty: services/profiles/update.ts writes it with the headline,
 * by the profile's visibility rule (domain/profile.ts). The indexes are built over it instead of the
 * headline: SQLite's people_fts (its columns, triggers and rows), PostgreSQL's actors_search (over the
 * text folded as migration 0031 folds it, db/search-index.ts `pgSearchDocument`).
 *
 * Filled here by that rule as it was written: a stored audience of "connections" or "private" hides
 * the headline; any other value, none, or unreadable JSON leaves the default, public.
 */
const hidden = (fieldVisibility: string): boolean => {
  try {
    const audience = (JSON.parse(fieldVisibility) as Record<string, unknown> | null)?.headline;
    return audience === "connections" || audience === "private";
  } catch {
    return false;
  }
};

/** Actors are read in pages of this many, in the order of their ids. */
const PAGE = 1000;

async function fill(db: Kysely<unknown>): Promise<void> {
  await sql`alter table actors add column public_headline text not null default ''`.execute(db);
  await sql`update actors set public_headline = headline where headline <> ''`.execute(db);
  let after = "";
  for (;;) {
    // Only a profile saved with audiences names the headline's.
    const { rows } = await sql<{ id: string; field_visibility: string }>`select id, field_visibility
      from actors where headline <> '' and field_visibility like '%headline%' and id > ${after}
      order by id limit ${sql.lit(PAGE)}`.execute(db);
    for (const row of rows)
      if (hidden(row.field_visibility))
        await sql`update actors set public_headline = '' where id = ${row.id}`.execute(db);
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = last.id;
  }
}

async function sqliteIndex(db: Kysely<unknown>): Promise<void> {
  for (const trigger of ["people_fts_insert", "people_fts_delete", "people_fts_update"])
    await sql.raw(`drop trigger ${trigger}`).execute(db);
  await sql`drop table people_fts`.execute(db);
  await sql`create virtual table people_fts using fts5(handle, display_name, public_headline, content='actors', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`create trigger people_fts_insert after insert on actors begin
    insert into people_fts(rowid, handle, display_name, public_headline)
      values (new.rowid, new.handle, new.display_name, new.public_headline);
  end`.execute(db);
  await sql`create trigger people_fts_delete after delete on actors begin
    insert into people_fts(people_fts, rowid, handle, display_name, public_headline)
      values ('delete', old.rowid, old.handle, old.display_name, old.public_headline);
  end`.execute(db);
  await sql`create trigger people_fts_update after update of handle, display_name, public_headline on actors begin
    insert into people_fts(people_fts, rowid, handle, display_name, public_headline)
      values ('delete', old.rowid, old.handle, old.display_name, old.public_headline);
    insert into people_fts(rowid, handle, display_name, public_headline)
      values (new.rowid, new.handle, new.display_name, new.public_headline);
  end`.execute(db);
  await sql`insert into people_fts(people_fts) values ('rebuild')`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    // SQLite migrations do not run in a transaction: the column, its rows and the index are one.
    await db.transaction().execute(async (tx) => {
      await fill(tx);
      await sqliteIndex(tx);
    });
    return;
  }
  // Kysely runs a PostgreSQL migration in a transaction already.
  await fill(db);
  await sql`drop index actors_search`.execute(db);
  await sql
    .raw(
      `create index actors_search on actors using gin (to_tsvector('simple', normalize(regexp_replace(normalize(handle || ' ' || display_name || ' ' || public_headline, NFD), '([A-Za-z])[\\u0300-\\u036f]+', '\\1', 'g'), NFC)))`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
