import type { Deps, Viewer } from "../deps.ts";
import { recordFact } from "../ledger/record.ts";
import { parseInput } from "../validate.ts";
import { type ContactInput, contactColumns, contactSchema } from "./fields.ts";

/**
 * Adds a person met offline to the viewer's private address book. When a meeting day or place is
 * given, the meeting goes to the owner's ledger as one "met in person" fact (at noon UTC of that day,
 * or now when only the place is known).
 */
export async function createContact(
  deps: Deps,
  viewer: Viewer,
  input: ContactInput,
): Promise<{ id: string }> {
  const data = parseInput(contactSchema, input);
  const id = deps.newId();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto("contacts")
      .values({
        id,
        owner_id: viewer.accountId,
        ...contactColumns(data),
        linked_actor_id: null,
        source: "manual",
        source_key: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    if (data.metOn || data.metWhere) {
      await recordFact({ ...deps, db: tx }, viewer.accountId, { contactId: id }, "owner", {
        kind: "met_in_person",
        channel: "in_person",
        at: data.metOn ? new Date(`${data.metOn}T12:00:00.000Z`) : now,
        source: { type: "contact", id },
      });
    }
  });
  return { id };
}
