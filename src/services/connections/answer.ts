import { Conflict, NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";

/**
 * The recipient declines (or ignores: the request leaves their inbox). The sender is not told either
 * way; to them the request stays "sent" until they withdraw it.
 */
export async function answerConnectionRequest(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  requestId: string,
  answer: "declined" | "ignored",
): Promise<void> {
  const result = await deps.db
    .updateTable("connection_requests")
    .set({ status: answer, decided_at: deps.clock.now().toISOString() })
    .where("id", "=", requestId)
    .where("recipient_id", "=", viewer.accountId)
    .where("status", "in", answer === "declined" ? ["pending", "ignored"] : ["pending"])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return;
  const request = await deps.db
    .selectFrom("connection_requests")
    .select("status")
    .where("id", "=", requestId)
    .where("recipient_id", "=", viewer.accountId)
    .executeTakeFirst();
  if (!request) throw new NotFound();
  if (request.status !== answer) throw new Conflict(`error.request.${request.status}`);
}

/** The sender takes back a request not accepted yet. */
export async function withdrawConnectionRequest(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  requestId: string,
): Promise<void> {
  const result = await deps.db
    .updateTable("connection_requests")
    .set({ status: "withdrawn", decided_at: deps.clock.now().toISOString() })
    .where("id", "=", requestId)
    .where("sender_id", "=", viewer.accountId)
    .where("status", "in", ["pending", "ignored", "declined"])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return;
  const request = await deps.db
    .selectFrom("connection_requests")
    .select("status")
    .where("id", "=", requestId)
    .where("sender_id", "=", viewer.accountId)
    .executeTakeFirst();
  if (!request) throw new NotFound();
  if (request.status === "accepted") throw new Conflict("error.request.accepted");
}

/** Ends a connection for both sides (each side's private notes about it go with it). */
export async function removeConnection(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  otherId: string,
): Promise<void> {
  await deps.db
    .deleteFrom("connections")
    .where((eb) =>
      eb.or([
        eb.and([eb("owner_id", "=", viewer.accountId), eb("other_id", "=", otherId)]),
        eb.and([eb("owner_id", "=", otherId), eb("other_id", "=", viewer.accountId)]),
      ]),
    )
    .execute();
}
