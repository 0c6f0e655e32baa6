import { type Kysely, sql } from "kysely";

/**
 * Posts and conversations: posts (thread root and parent, visibility, closed comments, denormalised
 * counters), mentions, hashtags, edit history, reactions, boosts, bookmarks, media, polls, and
 * per-type notification preferences.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("posts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("author_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    // Whose followers and connections form the audience: the author for a root post, the thread's
    // author for a reply (a reply is never shown to people who could not see the conversation).
    .addColumn("audience_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_ast", "text", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("root_id", "text", (c) => c.references("posts.id").onDelete("cascade"))
    .addColumn("parent_id", "text", (c) => c.references("posts.id").onDelete("cascade"))
    .addColumn("event_id", "text")
    .addColumn("comments_closed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reply_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reaction_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("boost_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("edited_at", "text")
    .execute();
  await db.schema
    .createIndex("posts_author")
    .on("posts")
    .columns(["author_id", "created_at", "id"])
    .execute();
  await db.schema.createIndex("posts_thread").on("posts").columns(["root_id", "created_at"]).execute();
  await db.schema.createIndex("posts_parent").on("posts").column("parent_id").execute();
  await db.schema.createIndex("posts_audience").on("posts").column("audience_id").execute();
  await db.schema.createIndex("posts_event").on("posts").columns(["event_id", "created_at"]).execute();

  await db.schema
    .createTable("post_mentions")
    .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("actor_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("post_mentions_pk", ["post_id", "actor_id"])
    .execute();
  await db.schema
    .createIndex("post_mentions_actor")
    .on("post_mentions")
    .columns(["actor_id", "post_id"])
    .execute();

  await db.schema
    .createTable("post_hashtags")
    .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("post_hashtags_pk", ["post_id", "tag"])
    .execute();
  await db.schema
    .createIndex("post_hashtags_tag")
    .on("post_hashtags")
    .columns(["tag", "created_at", "post_id"])
    .execute();

  await db.schema
    .createTable("post_edits")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    // The text as it was before this edit, and when that version had been written.
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("written_at", "text", (c) => c.notNull())
    .addColumn("replaced_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("post_edits_post").on("post_edits").columns(["post_id", "id"]).execute();

  await db.schema
    .createTable("reactions")
    .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("actor_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("emoji", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("reactions_pk", ["post_id", "actor_id"])
    .execute();
  await db.schema
    .createIndex("reactions_actor")
    .on("reactions")
    .columns(["actor_id", "created_at"])
    .execute();

  await db.schema
    .createTable("boosts")
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("actor_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("boosts_pk", ["post_id", "actor_id"])
    .execute();
  await db.schema.createIndex("boosts_actor").on("boosts").columns(["actor_id", "created_at"]).execute();

  await db.schema
    .createTable("bookmarks")
    .addColumn("actor_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("bookmarks_pk", ["actor_id", "post_id"])
    .execute();
  await db.schema
    .createIndex("bookmarks_list")
    .on("bookmarks")
    .columns(["actor_id", "created_at", "post_id"])
    .execute();
  await db.schema.createIndex("bookmarks_post").on("bookmarks").column("post_id").execute();

  await db.schema
    .createTable("post_media")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("thumb_key", "text", (c) => c.notNull())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("thumb_width", "integer", (c) => c.notNull())
    .addColumn("thumb_height", "integer", (c) => c.notNull())
    .addColumn("alt", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("credit", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("post_media_post").on("post_media").columns(["post_id", "position"]).execute();

  await db.schema
    .createTable("polls")
    .addColumn("post_id", "text", (c) => c.primaryKey().references("posts.id").onDelete("cascade"))
    .addColumn("multiple", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("voter_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("closed_notified_at", "text")
    .execute();
  await db.schema
    .createTable("poll_options")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("vote_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("poll_options_post")
    .on("poll_options")
    .columns(["post_id", "position"])
    .execute();
  await db.schema
    .createTable("poll_votes")
    .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("option_id", "text", (c) => c.notNull().references("poll_options.id").onDelete("cascade"))
    .addColumn("actor_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("poll_votes_pk", ["option_id", "actor_id"])
    .execute();
  await db.schema.createIndex("poll_votes_voter").on("poll_votes").columns(["post_id", "actor_id"]).execute();

  // A row per (account, notification kind) the account turned off.
  await db.schema
    .createTable("notification_opt_outs")
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.actor_id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_opt_outs_pk", ["account_id", "kind"])
    .execute();

  await db.schema
    .createIndex("notifications_subject")
    .on("notifications")
    .column("subject_id")
    .where(sql.ref("subject_id"), "is not", null)
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
