import type { Deps, Viewer } from "../deps.ts";
import { addSeconds } from "../deps.ts";
import { hashToken, newToken } from "../security/tokens.ts";
import { assertAdmin } from "./settings.ts";

const INVITE_LIFETIME_SECONDS = 7 * 24 * 3600;

/** A single-use sign-up link for invite-only instances. The token is shown once and stored hashed. */
export async function createRegistrationInvite(
  deps: Deps,
  viewer: Viewer | null,
): Promise<{ url: string; expiresAt: string }> {
  assertAdmin(viewer);
  const token = newToken();
  const now = deps.clock.now();
  const expiresAt = addSeconds(now, INVITE_LIFETIME_SECONDS);
  await deps.db
    .insertInto("registration_invites")
    .values({
      id: deps.newId(),
      token_hash: hashToken(token),
      created_by: viewer.accountId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      used_by: null,
    })
    .execute();
  return { url: `${deps.config.publicUrl}/signup?invite=${token}`, expiresAt };
}

export interface InviteSummary {
  id: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedByHandle: string | null;
}

export async function listRegistrationInvites(
  deps: Pick<Deps, "db">,
  viewer: Viewer | null,
): Promise<InviteSummary[]> {
  assertAdmin(viewer);
  const rows = await deps.db
    .selectFrom("registration_invites as i")
    .leftJoin("actors as a", "a.id", "i.used_by")
    .select(["i.id", "i.created_at", "i.expires_at", "i.used_at", "a.handle"])
    .orderBy("i.created_at", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    usedByHandle: r.handle,
  }));
}
