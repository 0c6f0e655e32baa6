import { NotFound } from "../../domain/errors.ts";
import { normalizeHandle } from "../../domain/handles.ts";
import type { Deps } from "../deps.ts";
import { addSeconds } from "../deps.ts";
import { hashToken, newToken } from "../security/tokens.ts";

const RESET_LIFETIME_SECONDS = 3600;

/** A one-time password-reset link for a local account (given by an admin, from the CLI). */
export async function createPasswordResetLink(
  deps: Deps,
  handle: string,
): Promise<{ url: string; expiresAt: string }> {
  const account = await deps.db
    .selectFrom("accounts as a")
    .innerJoin("actors as p", "p.id", "a.actor_id")
    .select("a.actor_id")
    .where("p.handle", "=", normalizeHandle(handle))
    .where("p.domain", "is", null)
    .executeTakeFirst();
  if (!account) throw new NotFound("error.account.notFound", { handle });
  const token = newToken();
  const now = deps.clock.now();
  const expiresAt = addSeconds(now, RESET_LIFETIME_SECONDS);
  await deps.db
    .insertInto("password_resets")
    .values({
      id: deps.newId(),
      account_id: account.actor_id,
      token_hash: hashToken(token),
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { url: `${deps.config.publicUrl}/reset-password/${token}`, expiresAt };
}
