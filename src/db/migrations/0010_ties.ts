import type { Kysely } from "kysely";

/**
 * The relationship engine's derived data (RELATIONSHIPS.md): one row per owner and other party
 * (`other_key` as in the ledger), the owner's settings for it, important dates, nudge snoozes and
 * dismissals, and the owner's nurture preferences (weekly digest). Facts stay in `interactions`.
 * Private to the owner: nothing here is ever shown to anyone else.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("ties")
    .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("other_key", "text", (c) => c.notNull())
    .addColumn("other_actor_id", "text", (c) => c.references("actors.id").onDelete("cascade"))
    .addColumn("other_contact_id", "text")
    .addColumn("stage", "text", (c) => c.notNull().defaultTo("none"))
    .addColumn("strength", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("peak_strength", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("layer", "integer", (c) => c.notNull().defaultTo(500))
    .addColumn("activation", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("activation_at", "text")
    .addColumn("first_at", "text")
    .addColumn("last_interaction_at", "text")
    .addColumn("connected_at", "text")
    .addColumn("last_meetup_at", "text")
    .addColumn("next_suggested_at", "text")
    .addColumn("next_change_at", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("computed_at", "text", (c) => c.notNull())
    .addColumn("family", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("pinned_layer", "integer")
    .addColumn("cadence_days", "integer")
    .addColumn("closeness", "double precision")
    .addColumn("snoozed_until", "text")
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sphere", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ties_pk", ["owner_id", "other_key"])
    .execute();
  await db.schema.createIndex("ties_owner_stage").on("ties").columns(["owner_id", "stage"]).execute();
  await db.schema.createIndex("ties_owner_layer").on("ties").columns(["owner_id", "layer"]).execute();
  await db.schema
    .createIndex("ties_owner_change")
    .on("ties")
    .columns(["owner_id", "next_change_at"])
    .execute();

  await db.schema
    .createTable("tie_dates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("other_key", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("month", "integer", (c) => c.notNull())
    .addColumn("day", "integer", (c) => c.notNull())
    .addColumn("year", "integer")
    .addColumn("label", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tie_dates_tie").on("tie_dates").columns(["owner_id", "other_key"]).execute();
  await db.schema
    .createIndex("tie_dates_owner_day")
    .on("tie_dates")
    .columns(["owner_id", "month", "day"])
    .execute();

  await db.schema
    .createTable("nudge_actions")
    .addColumn("owner_id", "text", (c) => c.notNull().references("actors.id").onDelete("cascade"))
    .addColumn("nudge_key", "text", (c) => c.notNull())
    .addColumn("other_key", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("nudge_actions_pk", ["owner_id", "nudge_key"])
    .execute();

  await db.schema
    .createTable("nurture_prefs")
    .addColumn("owner_id", "text", (c) => c.primaryKey().references("actors.id").onDelete("cascade"))
    .addColumn("weekly_digest", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("digest_sent_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
