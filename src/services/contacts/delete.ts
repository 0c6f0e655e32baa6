import { NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";

/**
 * Deletes one of the viewer's contacts with its invitations and the ledger facts about it. Facts that
 * moved to a member's tie when the contact was linked stay: they belong to that tie now.
 */
export async function deleteContact(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  contactId: string,
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const deleted = await tx
      .deleteFrom("contacts")
      .where("id", "=", contactId)
      .where("owner_id", "=", viewer.accountId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw new NotFound();
    await tx
      .deleteFrom("interactions")
      .where("owner_id", "=", viewer.accountId)
      .where("other_contact_id", "=", contactId)
      .where("other_actor_id", "is", null)
      .execute();
  });
}
