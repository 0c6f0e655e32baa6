import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Channel, FactKind } from "../../domain/relationships/types.ts";
import type { Deps } from "../deps.ts";
import { toFact } from "../ties/facts.ts";
import { refreshTieWithFact } from "../ties/refresh.ts";

/** The other party of a fact: an account or remote actor, or one of the owner's offline contacts. */
export type Party = { actorId: string } | { contactId: string };

export interface FactInput {
  kind: FactKind;
  channel: Channel;
  at: Date;
  source: { type: string; id?: string | null };
  note?: string | null;
}

type Writer = Pick<Deps, "newId"> & { db: Kysely<Database> };

/** The `interactions` row of one fact. */
function ledgerRow(id: string, fact: OwnedFact) {
  const iso = fact.at.toISOString();
  const otherActorId = "actorId" in fact.other ? fact.other.actorId : null;
  const otherContactId = "contactId" in fact.other ? fact.other.contactId : null;
  return {
    id,
    owner_id: fact.ownerId,
    other_key: otherActorId ?? otherContactId ?? "",
    other_actor_id: otherActorId,
    other_contact_id: otherContactId,
    initiator: fact.initiator,
    kind: fact.kind,
    channel: fact.channel,
    occurred_at: iso,
    day: iso.slice(0, 10),
    source_type: fact.source.type,
    source_id: fact.source.id ?? null,
    note: fact.note ?? null,
    created_at: iso,
  };
}

/**
 * Appends one fact to `ownerId`'s ledger. At most one fact per other party, kind, UTC day and
 * initiating side is kept (RELATIONSHIPS.md §1: interaction-days, not messages): a repeat is ignored.
 */
export async function recordFact(
  deps: Writer,
  ownerId: string,
  other: Party,
  initiator: "owner" | "other",
  fact: FactInput,
): Promise<void> {
  const row = ledgerRow(deps.newId(), { ...fact, ownerId, other, initiator });
  const inserted = await deps.db
    .insertInto("interactions")
    .values(row)
    .onConflict((oc) => oc.columns(["owner_id", "other_key", "kind", "day", "initiator"]).doNothing())
    .executeTakeFirst();
  // The tie's strength and stage follow at once (services/ties/refresh.ts); a repeat changes nothing.
  const added = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? toFact(row) : null;
  if (added) await refreshTieWithFact(deps, ownerId, other, added);
}

/**
 * A fact between two accounts, written in both ledgers: the initiator's (initiated by "owner") and
 * the other's (initiated by "other"). Remote actors have no ledger here, only local accounts do.
 */
export async function recordMutualFact(
  deps: Writer,
  initiatorId: string,
  otherId: string,
  fact: FactInput,
  options: { otherIsLocal?: boolean } = {},
): Promise<void> {
  await recordFact(deps, initiatorId, { actorId: otherId }, "owner", fact);
  if (options.otherIsLocal !== false)
    await recordFact(deps, otherId, { actorId: initiatorId }, "other", fact);
}

/** One fact of a batch for `recordFacts`. */
export interface OwnedFact extends FactInput {
  ownerId: string;
  other: Party;
  initiator: "owner" | "other";
}

/**
 * Appends many facts at once (imports): the same rows and the same "one per day" rule as `recordFact`,
 * in multi-row inserts. Returns how many facts were new.
 */
export async function recordFacts(deps: Writer, facts: OwnedFact[], batchSize = 1000): Promise<number> {
  let added = 0;
  for (let start = 0; start < facts.length; start += batchSize) {
    const rows = facts.slice(start, start + batchSize).map((fact) => ledgerRow(deps.newId(), fact));
    const result = await deps.db
      .insertInto("interactions")
      .values(rows)
      .onConflict((oc) => oc.columns(["owner_id", "other_key", "kind", "day", "initiator"]).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}
