import { Forbidden, Invalid } from "../../domain/errors.ts";
import { establishConnection } from "../connections/establish.ts";
import { NO_HOW_WE_MET } from "../connections/how-we-met.ts";
import type { Deps, Viewer } from "../deps.ts";
import { isBlockedEitherWay } from "../graph/blocks.ts";
import { notify } from "../notifications/notify.ts";
import { inviteByToken, inviteState } from "./invite.ts";
import { linkContactToActor } from "./link.ts";

export type InviteAnswer =
  | { state: "used" | "expired" }
  | { state: "accepted" | "declined"; owner: { handle: string; displayName: string } };

/**
 * The invited person accepts, in one transaction: the invite is used (a conditional update, so of two
 * people racing only one wins), the two become connections, and the owner's contact is linked to this
 * account with its history (notes stay on the contact, ledger facts move to the tie). The owner's
 * "how we met" comes from the contact: where and when; the free-text story stays on the contact.
 */
export async function acceptContactInvite(deps: Deps, viewer: Viewer, token: string): Promise<InviteAnswer> {
  return deps.db.transaction().execute(async (tx) => {
    const txDeps = { ...deps, db: tx };
    const invite = await inviteByToken(tx, token);
    const state = inviteState(invite, deps.clock.now());
    if (state !== "open") return { state };
    const ownerId = invite.owner_id;
    if (ownerId === viewer.accountId) throw Invalid.field("", "error.contactInvite.own");
    if (await isBlockedEitherWay(tx, ownerId, viewer.accountId))
      throw new Forbidden("error.contactInvite.blocked");
    const used = await tx
      .updateTable("contact_invites")
      .set({ used_at: deps.clock.now().toISOString(), used_by: viewer.accountId })
      .where("id", "=", invite.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) === 0) return { state: "used" };
    const contact = await tx
      .selectFrom("contacts")
      .select(["met_where", "met_on"])
      .where("id", "=", invite.contact_id)
      .executeTakeFirstOrThrow();
    const connected = await establishConnection(txDeps, {
      initiatorId: ownerId,
      otherId: viewer.accountId,
      requestId: null,
      initiatorHowWeMet: { ...NO_HOW_WE_MET, metWhere: contact.met_where, metOn: contact.met_on },
      otherHowWeMet: NO_HOW_WE_MET,
    });
    await linkContactToActor(tx, ownerId, invite.contact_id, viewer.accountId, deps.clock.now().getTime());
    if (connected)
      await notify(txDeps, {
        recipientId: ownerId,
        kind: "contact_joined",
        actorId: viewer.accountId,
        subjectId: invite.contact_id,
      });
    return { state: "accepted", owner: { handle: invite.handle, displayName: invite.display_name } };
  });
}

/**
 * The invited person says no. The link is closed (used, by nobody) so that it cannot be passed on;
 * the owner sees it "closed" and may send a new one. Nothing else is recorded or told.
 */
export async function declineContactInvite(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  token: string,
): Promise<InviteAnswer> {
  const invite = await inviteByToken(deps.db, token);
  const state = inviteState(invite, deps.clock.now());
  if (state !== "open") return { state };
  if (invite.owner_id === viewer.accountId) throw Invalid.field("", "error.contactInvite.own");
  const closed = await deps.db
    .updateTable("contact_invites")
    .set({ used_at: deps.clock.now().toISOString() })
    .where("id", "=", invite.id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(closed.numUpdatedRows) === 0) return { state: "used" };
  return { state: "declined", owner: { handle: invite.handle, displayName: invite.display_name } };
}
