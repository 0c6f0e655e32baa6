import { NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { parseInput } from "../validate.ts";
import { type ContactInput, contactColumns, contactSchema } from "./fields.ts";

/**
 * Rewrites one of the viewer's contacts. Anyone else's answers NotFound, checked before the input so
 * that a stranger's form cannot tell a contact exists by the way it fails.
 */
export async function updateContact(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  contactId: string,
  input: ContactInput,
): Promise<void> {
  const owned = await deps.db
    .selectFrom("contacts")
    .select("id")
    .where("id", "=", contactId)
    .where("owner_id", "=", viewer.accountId)
    .executeTakeFirst();
  if (!owned) throw new NotFound();
  const data = parseInput(contactSchema, input);
  const result = await deps.db
    .updateTable("contacts")
    .set({ ...contactColumns(data), updated_at: deps.clock.now().toISOString() })
    .where("id", "=", contactId)
    .where("owner_id", "=", viewer.accountId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new NotFound();
}
