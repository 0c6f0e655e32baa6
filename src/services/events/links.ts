import { NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import { isBlockedEitherWay } from "../graph/blocks.ts";
import { hashToken, newToken } from "../security/tokens.ts";
import { loadAsOrganiser } from "./access.ts";

export interface EventLink {
  id: string;
  createdAt: string;
  revokedAt: string | null;
  uses: number;
}

/** A shareable invitation link (shown once: only its hash is kept). Whoever opens it signed in is invited. */
export async function createEventLink(deps: Deps, viewer: Viewer, eventId: string): Promise<{ url: string }> {
  await loadAsOrganiser(deps.db, viewer, eventId);
  const token = newToken();
  await deps.db
    .insertInto("event_links")
    .values({
      id: deps.newId(),
      event_id: eventId,
      token_hash: hashToken(token),
      created_by: viewer.accountId,
      created_at: deps.clock.now().toISOString(),
      revoked_at: null,
    })
    .execute();
  return { url: `${deps.config.publicUrl}/events/join/${token}` };
}

export async function listEventLinks(deps: Deps, viewer: Viewer, eventId: string): Promise<EventLink[]> {
  await loadAsOrganiser(deps.db, viewer, eventId);
  const rows = await deps.db
    .selectFrom("event_links as l")
    .select(["l.id", "l.created_at", "l.revoked_at"])
    .select((eb) =>
      eb
        .selectFrom("event_invitations as i")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("i.link_id", "=", "l.id")
        .as("uses"),
    )
    .where("l.event_id", "=", eventId)
    .orderBy("l.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    uses: Number(r.uses ?? 0),
  }));
}

/** Stops a link from inviting anyone else (people it already invited stay invited). */
export async function revokeEventLink(
  deps: Deps,
  viewer: Viewer,
  eventId: string,
  linkId: string,
): Promise<void> {
  await loadAsOrganiser(deps.db, viewer, eventId);
  await deps.db
    .updateTable("event_links")
    .set({ revoked_at: deps.clock.now().toISOString() })
    .where("id", "=", linkId)
    .where("event_id", "=", eventId)
    .where("revoked_at", "is", null)
    .execute();
}

/** The event behind a link, for someone opening it; NotFound once revoked (or never issued). */
export async function findEventLink(
  deps: Pick<Deps, "db">,
  token: string,
): Promise<{ linkId: string; eventId: string; organiserId: string; createdBy: string }> {
  const row = await deps.db
    .selectFrom("event_links as l")
    .innerJoin("events as e", "e.id", "l.event_id")
    .select(["l.id", "l.event_id", "l.created_by", "l.revoked_at", "e.organiser_id"])
    .where("l.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at) throw new NotFound();
  return { linkId: row.id, eventId: row.event_id, organiserId: row.organiser_id, createdBy: row.created_by };
}

/** Opening a link signed in: the viewer is invited (once), and may then see and answer the event. */
export async function joinThroughLink(
  deps: Deps,
  viewer: Viewer,
  token: string,
): Promise<{ eventId: string }> {
  const link = await findEventLink(deps, token);
  if (await isBlockedEitherWay(deps.db, viewer.accountId, link.organiserId)) throw new NotFound();
  if (viewer.accountId !== link.organiserId) {
    await deps.db
      .insertInto("event_invitations")
      .values({
        event_id: link.eventId,
        invitee_id: viewer.accountId,
        invited_by: link.createdBy,
        link_id: link.linkId,
        created_at: deps.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(["event_id", "invitee_id"]).doNothing())
      .execute();
  }
  return { eventId: link.eventId };
}
