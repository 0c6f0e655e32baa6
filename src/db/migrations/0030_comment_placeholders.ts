import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * Deleted comments that keep other people's replies in place, and the thread's comment count.
 *
 * - `posts.deleted_at`: a comment deleted while replies by other people stay under it keeps its row,
 *   as a placeholder in the tree ("This comment was deleted."): its text and everything attached to
 *   it are gone, and it belongs to no one but the thread's author (its audience), who holds the
 *   conversation (src/services/posts/delete.ts). Null for every other post.
 * - `posts.comment_count`: on a thread root, the comments of the whole thread at every depth,
 *   placeholders left out (the root's "Comment (n)"), kept by the verbs that add and remove comments in
 *   their transaction. Filled here for the threads there are. A trigger moves the card's version with it
 *   (as migration 0018 does for the other counts), so that a page kept under its author's content
 *   version shows a new comment at any depth.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema.alterTable("posts").addColumn("deleted_at", "text").execute();
  await db.schema
    .alterTable("posts")
    .addColumn("comment_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // A root with no direct reply has no comment at all; the others count theirs by the thread index.
  await sql`update posts set comment_count = (select count(*) from posts c where c.root_id = posts.id)
    where root_id is null and reply_count > 0`.execute(db);
  if (sqlite) {
    await sql`create trigger posts_comment_count_posts_version after update of comment_count on posts begin
        update posts set version = version + 1 where id = new.id;
      end`.execute(db);
  } else {
    await sql`create trigger posts_comment_count_posts_version after update of comment_count on posts
        for each row execute function move_version('id', 'posts', 'version')`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
