import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * How long each person's network takes to write the posts of a rebuild (REBUILD_ENTRIES, 400 when
 * this was written): a rebuild reads the posts of the people followed in windows of time, each an
 * index seek per person, and the first window by default covered a week per page, 133 days: on the
 * bench network, 2,000 to 10,000 posts where 500 were needed, read and sorted only to keep the newest.
 * Each rebuild now measures the span and the next one starts from it (services/timelines/rebuild.ts).
 *
 * Filled here from the timelines stored now, as a rebuild measures it: the time between the newest
 * and the oldest of each person's 400 newest posts, per post, times 400.
 */
const REBUILD_POSTS = 400;

/** The millisecond time a UUIDv7 carries in its first 48 bits (frozen here: migrations do not import services). */
const timeOf = (id: string) => Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const fill = async (tx: Kysely<unknown>) => {
    await tx.schema.alterTable("home_timeline_state").addColumn("posts_span_ms", "bigint").execute();
    const newest = sql`select t.entry_id from home_timeline t
      where t.owner_id = s.owner_id and t.entry_id = t.post_id
      order by t.entry_id desc limit ${sql.lit(REBUILD_POSTS)}`;
    const { rows } = await sql<{
      owner_id: string;
      posts: number | string;
      newest: string | null;
      oldest: string | null;
    }>`
      select s.owner_id,
        (select count(*) from (${newest}) n) as posts,
        (select max(n.entry_id) from (${newest}) n) as newest,
        (select min(n.entry_id) from (${newest}) n) as oldest
      from home_timeline_state s`.execute(tx);
    for (const row of rows) {
      const posts = Number(row.posts);
      if (row.newest === null || row.oldest === null || posts < 2) continue;
      const span = Math.round(
        (Math.max(1, timeOf(row.newest) - timeOf(row.oldest)) * REBUILD_POSTS) / (posts - 1),
      );
      await sql`update home_timeline_state set posts_span_ms = ${span} where owner_id = ${row.owner_id}`.execute(
        tx,
      );
    }
  };
  // SQLite migrations do not run in a transaction (PostgreSQL's do): the column and its values are one.
  if (sqlite) await db.transaction().execute(fill);
  else await fill(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
