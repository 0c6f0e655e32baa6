import { type Kysely, sql } from "kysely";

/**
 * Indexes for what every signed-in page or profile view asks:
 * - the navigation's unread-messages badge reads only the account's conversations with something
 *   unread, not every conversation it belongs to;
 * - how the viewer stands towards a person looks a connection request up by its two ends (the
 *   existing indexes served one end: all requests a popular person received, of some statuses).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("conversation_members_unread")
    .on("conversation_members")
    .column("account_id")
    .where(sql.ref("unread_count"), ">", 0)
    .execute();
  await db.schema
    .createIndex("connection_requests_pair")
    .on("connection_requests")
    .columns(["sender_id", "recipient_id", "status"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
