import type { Selectable } from "kysely";
import type { ContactsTable } from "../../db/schema.ts";
import { NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import type { ContactSide } from "./fields.ts";

export interface Contact {
  id: string;
  name: string;
  metWhere: string;
  metOn: string | null;
  howMet: string;
  notes: string;
  tags: string[];
  side: ContactSide;
  email: string;
  phone: string;
  links: { label: string; url: string }[];
  createdAt: string;
  updatedAt: string;
}

/** Where the contact's latest invitation stands, as its owner sees it. */
export interface InvitationStatus {
  createdAt: string;
  expiresAt: string;
  /** open: waiting; accepted: the link was used to connect; closed: declined; expired. */
  state: "open" | "accepted" | "closed" | "expired";
}

export interface ContactDetail extends Contact {
  linkedMember: { handle: string; displayName: string } | null;
  invitation: InvitationStatus | null;
}

export function toContact(row: Selectable<ContactsTable>): Contact {
  return {
    id: row.id,
    name: row.name,
    metWhere: row.met_where,
    metOn: row.met_on,
    howMet: row.how_met,
    notes: row.notes,
    tags: JSON.parse(row.tags) as string[],
    side: row.side,
    email: row.email,
    phone: row.phone,
    links: JSON.parse(row.links) as Contact["links"],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function invitationState(
  invite: { used_at: string | null; used_by: string | null; expires_at: string },
  now: string,
): InvitationStatus["state"] {
  if (invite.used_at) return invite.used_by ? "accepted" : "closed";
  return invite.expires_at <= now ? "expired" : "open";
}

/** One of the viewer's own contacts; anyone else's answers NotFound, so its existence does not leak. */
export async function readContact(
  deps: Pick<Deps, "db" | "clock">,
  viewer: Viewer,
  contactId: string,
): Promise<ContactDetail> {
  const row = await deps.db
    .selectFrom("contacts")
    .selectAll()
    .where("id", "=", contactId)
    .where("owner_id", "=", viewer.accountId)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  const [member, invite] = await Promise.all([
    row.linked_actor_id
      ? deps.db
          .selectFrom("actors")
          .select(["handle", "display_name"])
          .where("id", "=", row.linked_actor_id)
          .executeTakeFirst()
      : undefined,
    deps.db
      .selectFrom("contact_invites")
      .select(["created_at", "expires_at", "used_at", "used_by"])
      .where("contact_id", "=", contactId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  const now = deps.clock.now().toISOString();
  return {
    ...toContact(row),
    linkedMember: member ? { handle: member.handle, displayName: member.display_name } : null,
    invitation: invite
      ? {
          createdAt: invite.created_at,
          expiresAt: invite.expires_at,
          state: invitationState(invite, now),
        }
      : null,
  };
}
