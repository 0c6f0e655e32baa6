import { addSeconds, type Deps, type Viewer } from "../deps.ts";
import { hashToken, newToken } from "../security/tokens.ts";

export const CONNECT_CODE_LIFETIME_SECONDS = 15 * 60;

/**
 * A short-lived "my code" link to show in person: anyone who opens it within its lifetime (several
 * people at a party) may ask to connect. Stored hashed; the owner's expired codes are cleared.
 */
export async function createConnectCode(
  deps: Deps,
  viewer: Viewer,
): Promise<{ url: string; expiresAt: string }> {
  const token = newToken();
  const now = deps.clock.now();
  const expiresAt = addSeconds(now, CONNECT_CODE_LIFETIME_SECONDS);
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom("connect_codes")
      .where("owner_id", "=", viewer.accountId)
      .where("expires_at", "<=", now.toISOString())
      .execute();
    await tx
      .insertInto("connect_codes")
      .values({
        id: deps.newId(),
        owner_id: viewer.accountId,
        token_hash: hashToken(token),
        // Seam for events (not built yet): a code shown while its owner is checked in to an event
        // will carry that event, and requests made through it will say "met at <event>".
        event_id: null,
        created_at: now.toISOString(),
        expires_at: expiresAt,
      })
      .execute();
  });
  return { url: `${deps.config.publicUrl}/connect/${token}`, expiresAt };
}
