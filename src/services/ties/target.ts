import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { NotFound } from "../../domain/errors.ts";
import type { Viewer } from "../deps.ts";
import { findPerson } from "../graph/find.ts";
import type { TieParty } from "./refresh.ts";

/** Which tie a page is about: an account by handle, or one of the viewer's offline contacts. */
export type TieRef = { handle: string } | { contactId: string };

/** The other party of one of the viewer's ties, as the pages show it. */
export interface TieTarget {
  party: TieParty;
  key: string;
  name: string;
  /** The account's handle; null for an offline contact. */
  handle: string | null;
  contactId: string | null;
  /** The story page's path. */
  path: string;
}

export function storyPath(target: { handle: string | null; contactId: string | null; key: string }): string {
  return target.handle
    ? `/nurture/with/@${target.handle}`
    : `/nurture/with/contact/${target.contactId ?? target.key}`;
}

/** Thrown when an offline contact has since joined: its story now lives under the account. */
export class MovedToAccount extends Error {
  constructor(readonly handle: string) {
    super("The contact is linked to an account");
  }
}

/**
 * Resolves a tie's other party for the viewer. Another member who blocked the viewer, the viewer
 * themselves and anyone else's contact are "not found": a tie is only ever its owner's.
 */
export async function resolveTarget(db: Kysely<Database>, viewer: Viewer, ref: TieRef): Promise<TieTarget> {
  if ("handle" in ref) {
    const person = await findPerson(db, ref.handle);
    if (person.id === viewer.accountId) throw new NotFound();
    const blockedMe = await db
      .selectFrom("blocks")
      .select("owner_id")
      .where("owner_id", "=", person.id)
      .where("target_id", "=", viewer.accountId)
      .executeTakeFirst();
    if (blockedMe) throw new NotFound();
    const target = { key: person.id, handle: person.handle, contactId: null };
    return { ...target, party: { actorId: person.id }, name: person.displayName, path: storyPath(target) };
  }
  if (!/^[0-9a-f-]{36}$/i.test(ref.contactId)) throw new NotFound();
  const contact = await db
    .selectFrom("contacts")
    .leftJoin("actors", "actors.id", "contacts.linked_actor_id")
    .select(["contacts.id", "contacts.name", "contacts.linked_actor_id", "actors.handle"])
    .where("contacts.id", "=", ref.contactId)
    .where("contacts.owner_id", "=", viewer.accountId)
    .executeTakeFirst();
  if (!contact) throw new NotFound();
  if (contact.linked_actor_id && contact.handle) throw new MovedToAccount(contact.handle);
  const target = { key: contact.id, handle: null, contactId: contact.id };
  return { ...target, party: { contactId: contact.id }, name: contact.name, path: storyPath(target) };
}
