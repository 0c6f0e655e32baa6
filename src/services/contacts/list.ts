import { sql } from "kysely";
import type { Deps, Viewer } from "../deps.ts";
import { type Contact, toContact } from "./read.ts";

export const CONTACTS_PAGE_SIZE = 50;

export interface ContactQuery {
  /** Part of a name or of a tag, any case. */
  search?: string | undefined;
  /** The id of the last contact of the previous page. */
  after?: string | undefined;
}

export interface ContactPage {
  contacts: (Contact & { linked: boolean })[];
  /** The cursor for the next page, or null on the last one. */
  nextAfter: string | null;
}

/** `%text%` for LIKE, with the wildcards the person typed taken literally. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The viewer's own contacts by name, searched by name or tag, one page at a time (keyset on name, id). */
export async function listContacts(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  query: ContactQuery = {},
): Promise<ContactPage> {
  let select = deps.db.selectFrom("contacts").selectAll().where("owner_id", "=", viewer.accountId);
  const search = query.search?.trim();
  if (search) {
    const pattern = containing(search);
    select = select.where((eb) =>
      eb.or([
        eb(sql`lower(name)`, "like", sql`${pattern} escape '\\'`),
        eb(sql`lower(tags)`, "like", sql`${pattern} escape '\\'`),
      ]),
    );
  }
  if (query.after) {
    const cursor = await deps.db
      .selectFrom("contacts")
      .select(["name", "id"])
      .where("id", "=", query.after)
      .where("owner_id", "=", viewer.accountId)
      .executeTakeFirst();
    if (cursor)
      select = select.where((eb) =>
        eb.or([
          eb("name", ">", cursor.name),
          eb.and([eb("name", "=", cursor.name), eb("id", ">", cursor.id)]),
        ]),
      );
  }
  const rows = await select
    .orderBy("name")
    .orderBy("id")
    .limit(CONTACTS_PAGE_SIZE + 1)
    .execute();
  const page = rows.slice(0, CONTACTS_PAGE_SIZE);
  return {
    contacts: page.map((row) => ({ ...toContact(row), linked: row.linked_actor_id !== null })),
    nextAfter: rows.length > CONTACTS_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null,
  };
}
