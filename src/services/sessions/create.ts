import type { Deps } from "../deps.ts";
import { addSeconds } from "../deps.ts";
import { hashToken, newToken } from "../security/tokens.ts";

export const SESSION_LIFETIME_SECONDS = 30 * 24 * 3600;

export interface SessionContext {
  ip: string;
  userAgent: string;
}

/** Opens a session and returns the token for the cookie; only its hash is stored. */
export async function createSession(
  deps: Pick<Deps, "db" | "clock" | "newId">,
  accountId: string,
  context: SessionContext,
): Promise<{ token: string; sessionId: string }> {
  const token = newToken();
  const now = deps.clock.now();
  const sessionId = deps.newId();
  await deps.db
    .insertInto("sessions")
    .values({
      id: sessionId,
      account_id: accountId,
      token_hash: hashToken(token),
      user_agent: context.userAgent.slice(0, 300),
      ip: context.ip.slice(0, 64),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: addSeconds(now, SESSION_LIFETIME_SECONDS),
    })
    .execute();
  return { token, sessionId };
}
