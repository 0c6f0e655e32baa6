import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Database } from "../../db/schema.ts";

const versionQuery = prepared(1, (db: Kysely<Database>, accountId: string) =>
  db.selectFrom("actors").select("inbox_version").where("id", "=", accountId),
);

/**
 * Where the account's conversations stand: a number that moves (by triggers, migration 0018) whenever
 * their list or one of them may show something new, so that a page drawn under it is still true while
 * it has not moved. One read by primary key.
 */
export async function inboxVersion(db: Kysely<Database>, accountId: string): Promise<number> {
  const [row] = await versionQuery(db, accountId);
  return Number(row?.inbox_version ?? 0);
}
