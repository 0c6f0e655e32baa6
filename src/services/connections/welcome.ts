import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

/**
 * The welcome step: the first personal message a person sends a new connection marks that side as
 * having welcomed the other. Called by every verb that sends a 1:1 message.
 */
export async function markWelcomed(
  db: Kysely<Database>,
  senderId: string,
  recipientId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable("connections")
    .set({ welcomed_at: at.toISOString() })
    .where("owner_id", "=", senderId)
    .where("other_id", "=", recipientId)
    .where("welcomed_at", "is", null)
    .execute();
}
