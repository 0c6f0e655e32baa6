import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { NotFound } from "../../domain/errors.ts";
import { normalizeHandle } from "../../domain/handles.ts";

export interface Person {
  id: string;
  handle: string;
  displayName: string;
  avatarKey: string | null;
}

/** A local member by handle, as a small card; NotFound when there is none. */
export async function findPerson(db: Kysely<Database>, handle: string): Promise<Person> {
  const row = await db
    .selectFrom("actors")
    .innerJoin("accounts", "accounts.actor_id", "actors.id")
    .select(["actors.id", "actors.handle", "actors.display_name", "actors.avatar_key"])
    .where("actors.handle", "=", normalizeHandle(handle))
    .where("actors.domain", "is", null)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return { id: row.id, handle: row.handle, displayName: row.display_name, avatarKey: row.avatar_key };
}
