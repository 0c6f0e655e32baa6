import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/schema.ts";
import { Conflict, NotFound } from "../../domain/errors.ts";
import { linkContactToActor } from "../contacts/link.ts";
import type { Deps, Viewer } from "../deps.ts";
import { notify } from "../notifications/notify.ts";
import { parseInput } from "../validate.ts";
import { establishConnection } from "./establish.ts";
import { type HowWeMet, howWeMetFields } from "./how-we-met.ts";

type Tx = Pick<Deps, "newId" | "clock"> & { db: Kysely<Database> };

/**
 * Accepts a request addressed to `recipientId` inside a transaction. Accepting twice is harmless:
 * the second time finds the connection made and changes nothing.
 */
export async function acceptInTransaction(
  deps: Tx,
  recipientId: string,
  requestId: string,
  howWeMet: HowWeMet,
): Promise<void> {
  const request = await deps.db
    .selectFrom("connection_requests")
    .selectAll()
    .where("id", "=", requestId)
    .where("recipient_id", "=", recipientId)
    .executeTakeFirst();
  if (!request) throw new NotFound();
  if (request.status === "accepted") return;
  if (request.status === "withdrawn") throw new Conflict("error.request.withdrawn");
  if (request.status === "declined") throw new Conflict("error.request.declined");
  const now = deps.clock.now().toISOString();
  const updated = await deps.db
    .updateTable("connection_requests")
    .set({ status: "accepted", decided_at: now })
    .where("id", "=", requestId)
    .where("status", "in", ["pending", "ignored"])
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return;
  await establishConnection(deps, {
    initiatorId: request.sender_id,
    otherId: recipientId,
    requestId,
    initiatorHowWeMet: {
      metWhere: request.met_where,
      metOn: request.met_on,
      metThrough: request.met_through,
      eventId: request.event_id,
    },
    otherHowWeMet: howWeMet,
  });
  if (request.contact_id)
    await linkContactToActor(
      deps.db,
      request.sender_id,
      request.contact_id,
      recipientId,
      deps.clock.now().getTime(),
    );
  await notify(deps, {
    recipientId: request.sender_id,
    kind: "connection_accepted",
    actorId: recipientId,
    subjectId: requestId,
  });
}

const schema = z.object(howWeMetFields);

/** The recipient accepts; they may add their own "how we met" (private to them). */
export async function acceptConnectionRequest(
  deps: Deps,
  viewer: Viewer,
  requestId: string,
  input: { metWhere?: string | undefined; metOn?: string | undefined; metThrough?: string | undefined } = {},
): Promise<void> {
  const data = parseInput(schema, input);
  await deps.db.transaction().execute((tx) =>
    acceptInTransaction({ ...deps, db: tx }, viewer.accountId, requestId, {
      metWhere: data.metWhere,
      metOn: data.metOn || null,
      metThrough: data.metThrough,
      eventId: null,
    }),
  );
}
