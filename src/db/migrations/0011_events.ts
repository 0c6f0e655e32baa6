import type { Kysely } from "kysely";

/**
 * Meetups: events (one row per occurrence, UTC instants plus the event's IANA zone), co-organisers,
 * invitations and revocable share links, RSVPs with a seat counter and a first-come waitlist,
 * check-ins, and each person's private calendar-feed token.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organiser_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("series_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("city", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("latitude", "double precision")
    .addColumn("longitude", "double precision")
    .addColumn("online_url", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("cover_key", "text")
    .addColumn("cover_alt", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("cover_credit", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("capacity", "integer")
    .addColumn("approval", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("going_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rsvp_seq", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("checkin_secret", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("events_organiser")
    .on("events")
    .columns(["organiser_id", "starts_at"])
    .execute();
  await db.schema.createIndex("events_public").on("events").columns(["visibility", "starts_at"]).execute();
  await db.schema.createIndex("events_series").on("events").column("series_id").execute();

  await db.schema
    .createTable("event_organisers")
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("actor_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("event_organisers_pk", ["event_id", "actor_id"])
    .execute();
  await db.schema.createIndex("event_organisers_actor").on("event_organisers").column("actor_id").execute();

  await db.schema
    .createTable("event_links")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("event_links_event").on("event_links").column("event_id").execute();

  await db.schema
    .createTable("event_invitations")
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("invitee_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("invited_by", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("link_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("event_invitations_pk", ["event_id", "invitee_id"])
    .execute();
  await db.schema
    .createIndex("event_invitations_invitee")
    .on("event_invitations")
    .columns(["invitee_id", "event_id"])
    .execute();

  await db.schema
    .createTable("event_rsvps")
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("actor_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("queued_seq", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("event_rsvps_pk", ["event_id", "actor_id"])
    .execute();
  await db.schema
    .createIndex("event_rsvps_queue")
    .on("event_rsvps")
    .columns(["event_id", "status", "queued_seq"])
    .execute();
  await db.schema
    .createIndex("event_rsvps_actor")
    .on("event_rsvps")
    .columns(["actor_id", "status"])
    .execute();

  await db.schema
    .createTable("event_checkins")
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("actor_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("checked_in_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("event_checkins_pk", ["event_id", "actor_id"])
    .execute();
  await db.schema.createIndex("event_checkins_actor").on("event_checkins").column("actor_id").execute();

  await db.schema
    .createTable("event_feeds")
    .addColumn("actor_id", "text", (c) => c.primaryKey().references("actors.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
