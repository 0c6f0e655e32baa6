import type { RequestStatus } from "../../db/schema.ts";
import { Conflict, NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { forgetBroughtBy } from "../timelines/prune.ts";

type Side = "sender_id" | "recipient_id";

/**
 * Moves one of the viewer's requests (on their side) from one of `from` to `to`. Doing it again is
 * harmless; a request in another state says which, and someone else's request is "not found".
 */
async function moveRequest(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  requestId: string,
  side: Side,
  from: RequestStatus[],
  to: RequestStatus,
): Promise<void> {
  const result = await deps.db
    .updateTable("connection_requests")
    .set({ status: to, decided_at: deps.clock.now().toISOString() })
    .where("id", "=", requestId)
    .where(side, "=", viewer.accountId)
    .where("status", "in", from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return;
  const request = await deps.db
    .selectFrom("connection_requests")
    .select("status")
    .where("id", "=", requestId)
    .where(side, "=", viewer.accountId)
    .executeTakeFirst();
  if (!request) throw new NotFound();
  if (request.status !== to) throw new Conflict(`error.request.${request.status}`);
}

/**
 * The recipient declines (or ignores: the request leaves their inbox). The sender is not told either
 * way; to them the request stays "sent" until they withdraw it.
 */
export function answerConnectionRequest(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  requestId: string,
  answer: "declined" | "ignored",
): Promise<void> {
  const from: RequestStatus[] = answer === "declined" ? ["pending", "ignored"] : ["pending"];
  return moveRequest(deps, viewer, requestId, "recipient_id", from, answer);
}

/** The sender takes back a request not accepted yet. */
export function withdrawConnectionRequest(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  requestId: string,
): Promise<void> {
  return moveRequest(deps, viewer, requestId, "sender_id", ["pending", "ignored", "declined"], "withdrawn");
}

/** Ends a connection for both sides (each side's private notes about it go with it). */
export async function removeConnection(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  otherId: string,
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom("connections")
      .where((eb) =>
        eb.or([
          eb.and([eb("owner_id", "=", viewer.accountId), eb("other_id", "=", otherId)]),
          eb.and([eb("owner_id", "=", otherId), eb("other_id", "=", viewer.accountId)]),
        ]),
      )
      .execute();
    await forgetBroughtBy(tx, viewer.accountId, otherId);
    await forgetBroughtBy(tx, otherId, viewer.accountId);
  });
}
