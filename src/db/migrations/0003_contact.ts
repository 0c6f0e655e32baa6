import { type Kysely, sql } from "kysely";

/**
 * Making contact: connection requests and connections, blocks, mutes, reports, notifications, the
 * interaction ledger, offline contacts with invitations, connect codes, direct messages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("accounts")
    .addColumn("locked", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("accounts")
    .addColumn("discoverable", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("connection_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("sender_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("recipient_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("met_where", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("met_on", "text")
    .addColumn("met_through", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("event_id", "text")
    .addColumn("contact_id", "text")
    .addColumn("source", "text", (c) => c.notNull().defaultTo("profile"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .execute();
  await db.schema
    .createIndex("connection_requests_one_pending")
    .on("connection_requests")
    .columns(["sender_id", "recipient_id"])
    .unique()
    .where(sql.ref("status"), "=", "pending")
    .execute();
  await db.schema
    .createIndex("connection_requests_inbox")
    .on("connection_requests")
    .columns(["recipient_id", "status", "created_at"])
    .execute();

  // Two rows per connection, one per side: each side keeps its own private "how we met" and welcome.
  await db.schema
    .createTable("connections")
    .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("other_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("request_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("welcomed_at", "text")
    .addColumn("met_where", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("met_on", "text")
    .addColumn("met_through", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("event_id", "text")
    .addPrimaryKeyConstraint("connections_pk", ["owner_id", "other_id"])
    .execute();
  await db.schema
    .createIndex("connections_other")
    .on("connections")
    .columns(["other_id", "owner_id"])
    .execute();

  for (const table of ["blocks", "mutes"] as const) {
    await db.schema
      .createTable(table)
      .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
      .addColumn("target_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ["owner_id", "target_id"])
      .execute();
    await db.schema.createIndex(`${table}_target`).on(table).column("target_id").execute();
  }

  await db.schema
    .createTable("reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("reporter_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("target_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "text")
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("recipient_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("actors.id").onDelete("cascade"))
    .addColumn("subject_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema
    .createIndex("notifications_recipient")
    .on("notifications")
    .columns(["recipient_id", "id"])
    .execute();
  await db.schema
    .createIndex("notifications_unread")
    .on("notifications")
    .column("recipient_id")
    .where(sql.ref("read_at"), "is", null)
    .execute();

  // The ledger: one row per owner and fact, so each side's view stays private to it.
  await db.schema
    .createTable("interactions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("other_key", "text", (c) => c.notNull())
    .addColumn("other_actor_id", "text", (c) => c.references("actors.id").onDelete("set null"))
    .addColumn("other_contact_id", "text")
    .addColumn("initiator", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("source_type", "text", (c) => c.notNull())
    .addColumn("source_id", "text")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("interactions_one_per_day")
    .on("interactions")
    .columns(["owner_id", "other_key", "kind", "day", "initiator"])
    .unique()
    .execute();
  await db.schema
    .createIndex("interactions_owner_time")
    .on("interactions")
    .columns(["owner_id", "occurred_at"])
    .execute();

  await db.schema
    .createTable("contacts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("met_where", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("met_on", "text")
    .addColumn("how_met", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("side", "text", (c) => c.notNull().defaultTo("personal"))
    .addColumn("email", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("phone", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("links", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("linked_actor_id", "text", (c) => c.references("actors.id").onDelete("set null"))
    .addColumn("source", "text", (c) => c.notNull().defaultTo("manual"))
    .addColumn("source_key", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("contacts_owner").on("contacts").columns(["owner_id", "name"]).execute();
  await db.schema.createIndex("contacts_linked").on("contacts").column("linked_actor_id").execute();

  await db.schema
    .createTable("contact_invites")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
    .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("used_by", "text", (c) => c.references("actors.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("connect_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("event_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("suggestion_dismissals")
    .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("dismissed_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("suggestion_dismissals_pk", ["owner_id", "dismissed_id"])
    .execute();

  await db.schema
    .createTable("conversations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("direct_key", "text", (c) => c.unique())
    .addColumn("created_by", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_message_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("conversation_members")
    .addColumn("conversation_id", "text", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("account_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("last_message_at", "text", (c) => c.notNull())
    .addColumn("last_read_at", "text")
    .addColumn("unread_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("joined_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("conversation_members_pk", ["conversation_id", "account_id"])
    .execute();
  await db.schema
    .createIndex("conversation_members_inbox")
    .on("conversation_members")
    .columns(["account_id", "state", "last_message_at"])
    .execute();
  await db.schema
    .createTable("messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("conversation_id", "text", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("sender_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("messages_conversation")
    .on("messages")
    .columns(["conversation_id", "id"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
