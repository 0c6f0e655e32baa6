import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recomputeTie } from "../ties/refresh.ts";

/**
 * Links an owner's offline contact to the member it turned out to be, keeping its history: the
 * contact's notes and "how we met" stay on the contact, its ledger facts move to the member's tie (a
 * fact the member's tie already has for the same day stays once), and so do the owner's settings for
 * the tie (family, circle, rhythm, closeness, snooze, side, notes) and its important dates; the member's
 * tie is then recomputed from the merged ledger. Run inside a transaction.
 */
export async function linkContactToActor(
  db: Kysely<Database>,
  ownerId: string,
  contactId: string,
  actorId: string,
  nowMs: number,
): Promise<void> {
  const linked = await db
    .updateTable("contacts")
    .set({ linked_actor_id: actorId })
    .where("id", "=", contactId)
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
  if (Number(linked.numUpdatedRows) === 0) return;
  await db
    .deleteFrom("interactions")
    .where("owner_id", "=", ownerId)
    .where("other_contact_id", "=", contactId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("interactions as kept")
          .select(sql`1`.as("one"))
          .where("kept.owner_id", "=", ownerId)
          .where("kept.other_key", "=", actorId)
          .whereRef("kept.kind", "=", "interactions.kind")
          .whereRef("kept.day", "=", "interactions.day")
          .whereRef("kept.initiator", "=", "interactions.initiator"),
      ),
    )
    .execute();
  await db
    .updateTable("interactions")
    .set({ other_actor_id: actorId, other_key: actorId })
    .where("owner_id", "=", ownerId)
    .where("other_contact_id", "=", contactId)
    .execute();
  await moveTieSettings(db, ownerId, contactId, actorId);
  await db
    .updateTable("tie_dates")
    .set({ other_key: actorId })
    .where("owner_id", "=", ownerId)
    .where("other_key", "=", contactId)
    .execute();
  await db
    .deleteFrom("nudge_actions")
    .where("owner_id", "=", ownerId)
    .where("other_key", "=", contactId)
    .execute();
  await recomputeTie({ db }, ownerId, { actorId }, nowMs);
}

/** The contact's tie settings become the member's (the member's own, where set, win). */
async function moveTieSettings(
  db: Kysely<Database>,
  ownerId: string,
  contactId: string,
  actorId: string,
): Promise<void> {
  const tie = (key: string) =>
    db
      .selectFrom("ties")
      .select(["family", "pinned_layer", "cadence_days", "closeness", "snoozed_until", "sphere", "notes"])
      .where("owner_id", "=", ownerId)
      .where("other_key", "=", key)
      .executeTakeFirst();
  const [fromContact, fromActor] = await Promise.all([tie(contactId), tie(actorId)]);
  if (!fromContact) return;
  if (!fromActor) {
    await db
      .updateTable("ties")
      .set({ other_key: actorId, other_actor_id: actorId, other_contact_id: null })
      .where("owner_id", "=", ownerId)
      .where("other_key", "=", contactId)
      .execute();
    return;
  }
  await db
    .updateTable("ties")
    .set({
      family: Math.max(fromActor.family, fromContact.family),
      pinned_layer: fromActor.pinned_layer ?? fromContact.pinned_layer,
      cadence_days: fromActor.cadence_days ?? fromContact.cadence_days,
      closeness: fromActor.closeness ?? fromContact.closeness,
      snoozed_until: fromActor.snoozed_until ?? fromContact.snoozed_until,
      sphere: fromActor.sphere ?? fromContact.sphere,
      notes: [fromActor.notes, fromContact.notes].filter((n) => n.trim() !== "").join("\n\n"),
    })
    .where("owner_id", "=", ownerId)
    .where("other_key", "=", actorId)
    .execute();
  await db.deleteFrom("ties").where("owner_id", "=", ownerId).where("other_key", "=", contactId).execute();
}
