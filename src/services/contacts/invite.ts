import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { Invalid, NotFound } from "../../domain/errors.ts";
import { addSeconds, type Deps, type Viewer } from "../deps.ts";
import { areConnected, isBlockedEitherWay } from "../graph/blocks.ts";
import { hashToken, newToken } from "../security/tokens.ts";

export const CONTACT_INVITE_LIFETIME_SECONDS = 14 * 24 * 3600;

/**
 * A single-use link inviting an offline contact to join and connect. The token is shown once and
 * stored hashed; a new link replaces the contact's earlier open one, so only one is ever usable.
 */
export async function createContactInvite(
  deps: Deps,
  viewer: Viewer,
  contactId: string,
): Promise<{ url: string; expiresAt: string }> {
  const contact = await deps.db
    .selectFrom("contacts")
    .select(["id", "linked_actor_id"])
    .where("id", "=", contactId)
    .where("owner_id", "=", viewer.accountId)
    .executeTakeFirst();
  if (!contact) throw new NotFound();
  if (contact.linked_actor_id) throw Invalid.field("", "error.contactInvite.linked");
  const token = newToken();
  const now = deps.clock.now();
  const expiresAt = addSeconds(now, CONTACT_INVITE_LIFETIME_SECONDS);
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("contact_invites")
      .set({ expires_at: now.toISOString() })
      .where("contact_id", "=", contactId)
      .where("used_at", "is", null)
      .where("expires_at", ">", now.toISOString())
      .execute();
    await tx
      .insertInto("contact_invites")
      .values({
        id: deps.newId(),
        contact_id: contactId,
        owner_id: viewer.accountId,
        token_hash: hashToken(token),
        created_at: now.toISOString(),
        expires_at: expiresAt,
        used_at: null,
        used_by: null,
      })
      .execute();
  });
  return { url: `${deps.config.publicUrl}/invite/${token}`, expiresAt };
}

export interface InviteOwner {
  id: string;
  handle: string;
  displayName: string;
}

/** What a link's holder may learn: only the inviting member's public name, never the contact's notes. */
export type InviteView =
  | { state: "used" | "expired" }
  | {
      state: "open";
      owner: InviteOwner;
      expiresAt: string;
      /** How the signed-in viewer stands towards the owner (null when anonymous). */
      viewerIs: null | "owner" | "blocked" | "connected" | "member";
      /** The contact's name, for its owner only. */
      contactName: string | null;
    };

/** The invite row for a token, read in the caller's transaction; NotFound for a token never issued. */
export async function inviteByToken(db: Kysely<Database>, token: string) {
  const invite = await db
    .selectFrom("contact_invites as i")
    .innerJoin("actors as a", "a.id", "i.owner_id")
    .select(["i.id", "i.contact_id", "i.owner_id", "i.expires_at", "i.used_at", "a.handle", "a.display_name"])
    .where("i.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!invite) throw new NotFound();
  return invite;
}

export function inviteState(invite: { used_at: string | null; expires_at: string }, now: Date) {
  if (invite.used_at) return "used" as const;
  return invite.expires_at <= now.toISOString() ? ("expired" as const) : ("open" as const);
}

export async function findContactInvite(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer | null,
  token: string,
): Promise<InviteView> {
  const invite = await inviteByToken(deps.db, token);
  const state = inviteState(invite, deps.clock.now());
  if (state !== "open") return { state };
  const owner = { id: invite.owner_id, handle: invite.handle, displayName: invite.display_name };
  let viewerIs: Exclude<InviteView, { state: "used" | "expired" }>["viewerIs"] = null;
  let contactName: string | null = null;
  if (viewer?.accountId === owner.id) {
    viewerIs = "owner";
    const contact = await deps.db
      .selectFrom("contacts")
      .select("name")
      .where("id", "=", invite.contact_id)
      .executeTakeFirst();
    contactName = contact?.name ?? null;
  } else if (viewer) {
    if (await isBlockedEitherWay(deps.db, viewer.accountId, owner.id)) viewerIs = "blocked";
    else if (await areConnected(deps.db, viewer.accountId, owner.id)) viewerIs = "connected";
    else viewerIs = "member";
  }
  return { state, owner, expiresAt: invite.expires_at, viewerIs, contactName };
}
