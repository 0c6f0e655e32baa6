import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Deps } from "../deps.ts";
import { recordMutualFact } from "../ledger/record.ts";
import { type HowWeMet, howWeMetColumns, NO_HOW_WE_MET } from "./how-we-met.ts";

type Tx = Pick<Deps, "newId" | "clock"> & { db: Kysely<Database> };

export interface Establish {
  /** Who asked (or invited): the initiator in both ledgers. */
  initiatorId: string;
  otherId: string;
  requestId: string | null;
  /** Each side's own "how we met"; the other side cannot see it. */
  initiatorHowWeMet: HowWeMet;
  otherHowWeMet?: HowWeMet;
}

/**
 * Makes two people connections — the one way to do it, used by request acceptance, contact
 * invitations and codes. Idempotent: connecting twice keeps one connection. Run inside a transaction.
 */
export async function establishConnection(deps: Tx, input: Establish): Promise<boolean> {
  const at = deps.clock.now();
  const now = at.toISOString();
  const rows = [
    { owner_id: input.initiatorId, other_id: input.otherId, ...howWeMetColumns(input.initiatorHowWeMet) },
    {
      owner_id: input.otherId,
      other_id: input.initiatorId,
      ...howWeMetColumns(input.otherHowWeMet ?? NO_HOW_WE_MET),
    },
  ].map((row) => ({ ...row, request_id: input.requestId, created_at: now, welcomed_at: null }));
  const inserted = await deps.db
    .insertInto("connections")
    .values(rows)
    .onConflict((oc) => oc.columns(["owner_id", "other_id"]).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  // Any other request still pending between them is settled by this connection. One statement per
  // direction: SQLite 3.53's planner fails on an OR of both directions over the partial unique index.
  for (const [sender, recipient] of [
    [input.initiatorId, input.otherId],
    [input.otherId, input.initiatorId],
  ] as const) {
    await deps.db
      .updateTable("connection_requests")
      .set({ status: "accepted", decided_at: now })
      .where("status", "=", "pending")
      .where("sender_id", "=", sender)
      .where("recipient_id", "=", recipient)
      .execute();
  }
  await recordMutualFact(deps, input.initiatorId, input.otherId, {
    kind: "connection_accepted",
    channel: "dm",
    at,
    source: { type: "connection", id: input.requestId },
  });
  return true;
}
