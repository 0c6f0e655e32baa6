import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * `accounts.inbox_version`: a counter that moves whenever anything a member's conversation list or one
 * of their conversations shows may have changed — one of their memberships was added, changed (a
 * message arrived, they read it, accepted or declined a request) or removed, or they blocked or muted
 * someone (which hides requests). Pages drawn for a member are kept under it, and one indexed read tells
 * whether they are still true. Triggers, not application code, move it: every path that writes these
 * rows (cascades of a deleted account included) moves it, in the same transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .alterTable("accounts")
    .addColumn("inbox_version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  const watched = [
    { table: "conversation_members", column: "account_id" },
    { table: "blocks", column: "owner_id" },
    { table: "mutes", column: "owner_id" },
  ];
  if (sqlite) {
    for (const { table, column } of watched) {
      for (const [event, row] of [
        ["insert", "new"],
        ["update", "new"],
        ["delete", "old"],
      ] as const) {
        await sql
          .raw(
            `create trigger ${table}_inbox_${event} after ${event} on ${table} begin
              update accounts set inbox_version = inbox_version + 1 where actor_id = ${row}.${column};
            end`,
          )
          .execute(db);
      }
    }
    return;
  }
  for (const { table, column } of watched) {
    await sql
      .raw(
        `create function ${table}_inbox() returns trigger language plpgsql as $$
        begin
          if tg_op = 'DELETE' then
            update accounts set inbox_version = inbox_version + 1 where actor_id = old.${column};
            return old;
          end if;
          update accounts set inbox_version = inbox_version + 1 where actor_id = new.${column};
          return new;
        end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_inbox after insert or update or delete on ${table}
          for each row execute function ${table}_inbox()`,
      )
      .execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only.");
}
