import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";

/**
 * Links an owner's offline contact to the member it turned out to be, keeping its history: the
 * contact's notes and "how we met" stay on the contact, and its ledger facts move to the member's tie
 * (a fact the member's tie already has for the same day stays once). Run inside a transaction.
 */
export async function linkContactToActor(
  db: Kysely<Database>,
  ownerId: string,
  contactId: string,
  actorId: string,
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
}
