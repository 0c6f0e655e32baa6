import { Invalid } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { loadAsOrganiser } from "./access.ts";
import { notifyEvent } from "./notify.ts";
import { lockEvent, takeSeat } from "./seats.ts";

/**
 * Approval mode: an organiser accepts a request to go (a seat if one is free, else the waitlist in the
 * order the request came) or refuses it. Each answer is notified.
 */
export async function decideRequest(
  deps: Deps,
  viewer: Viewer,
  eventId: string,
  actorId: string,
  decision: "approve" | "refuse",
): Promise<"going" | "waitlist" | "refused"> {
  await loadAsOrganiser(deps.db, viewer, eventId);
  return deps.db.transaction().execute(async (tx) => {
    const txDeps = { ...deps, db: tx };
    const locked = await lockEvent(tx, eventId);
    const request = await tx
      .selectFrom("event_rsvps")
      .select("status")
      .where("event_id", "=", eventId)
      .where("actor_id", "=", actorId)
      .executeTakeFirst();
    if (request?.status !== "pending") throw Invalid.field("", "error.event.noRequest");
    const status = decision === "refuse" ? "refused" : (await takeSeat(tx, locked)) ? "going" : "waitlist";
    await tx
      .updateTable("event_rsvps")
      .set({ status, updated_at: deps.clock.now().toISOString() })
      .where("event_id", "=", eventId)
      .where("actor_id", "=", actorId)
      .execute();
    await notifyEvent(txDeps, {
      recipientId: actorId,
      kind: decision === "refuse" ? "event_refused" : "event_approved",
      actorId: viewer.accountId,
      eventId,
    });
    return status;
  });
}
