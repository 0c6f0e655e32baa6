import { z } from "zod";
import { isUniqueViolation } from "../../db/errors.ts";
import { Conflict, Invalid } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { areConnected, isBlockedEitherWay } from "../graph/blocks.ts";
import { recordMutualFact } from "../ledger/record.ts";
import { notify } from "../notifications/notify.ts";
import { parseInput } from "../validate.ts";
import { acceptInTransaction } from "./accept.ts";
import { howWeMetFields } from "./how-we-met.ts";

export const MAX_NOTE_LENGTH = 500;

const schema = z.object({
  note: z.string().trim().max(MAX_NOTE_LENGTH, "error.note.tooLong").default(""),
  ...howWeMetFields,
});

export interface RequestInput {
  note?: string | undefined;
  metWhere?: string | undefined;
  metOn?: string | undefined;
  metThrough?: string | undefined;
}

export interface RequestOptions {
  source?: "profile" | "qr" | "invite" | "suggestion" | "event";
  eventId?: string | null;
  /** The sender's offline contact that this person is, to link on acceptance. */
  contactId?: string | null;
}

/**
 * Asks to connect, with an introduction note and "how we met". If the other person already asked,
 * this accepts their request instead of crossing it.
 */
export async function sendConnectionRequest(
  deps: Deps,
  viewer: Viewer,
  recipientId: string,
  input: RequestInput,
  options: RequestOptions = {},
): Promise<{ status: "sent" | "connected"; requestId: string }> {
  const data = parseInput(schema, input);
  const me = viewer.accountId;
  if (me === recipientId) throw Invalid.field("", "error.connection.self");
  if (await isBlockedEitherWay(deps.db, me, recipientId)) throw Invalid.field("", "error.connection.blocked");
  if (await areConnected(deps.db, me, recipientId)) throw new Conflict("error.connection.already");

  const theirs = await deps.db
    .selectFrom("connection_requests")
    .select("id")
    .where("sender_id", "=", recipientId)
    .where("recipient_id", "=", me)
    .where("status", "in", ["pending", "ignored"])
    .executeTakeFirst();
  if (theirs) {
    await deps.db.transaction().execute((tx) =>
      acceptInTransaction({ ...deps, db: tx }, me, theirs.id, {
        metWhere: data.metWhere,
        metOn: data.metOn || null,
        metThrough: data.metThrough,
        eventId: options.eventId ?? null,
      }),
    );
    return { status: "connected", requestId: theirs.id };
  }

  const id = deps.newId();
  const at = deps.clock.now();
  try {
    await deps.db.transaction().execute(async (tx) => {
      const txDeps = { ...deps, db: tx };
      await tx
        .insertInto("connection_requests")
        .values({
          id,
          sender_id: me,
          recipient_id: recipientId,
          note: data.note,
          met_where: data.metWhere,
          met_on: data.metOn || null,
          met_through: data.metThrough,
          event_id: options.eventId ?? null,
          contact_id: options.contactId ?? null,
          source: options.source ?? "profile",
          status: "pending",
          created_at: at.toISOString(),
          decided_at: null,
        })
        .execute();
      await recordMutualFact(txDeps, me, recipientId, {
        kind: "connection_request",
        channel: "dm",
        at,
        source: { type: "connection_request", id },
      });
      await notify(txDeps, { recipientId, kind: "connection_request", actorId: me, subjectId: id });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict("error.connection.pending");
    throw error;
  }
  return { status: "sent", requestId: id };
}
